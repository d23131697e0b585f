import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

export class MoveTaskDeadlineDto {
  @ApiProperty({ example: '2009-05-17', description: 'The new due date, within the campaign' })
  @IsCalendarDate({ message: 'dueDate must be a calendar date written YYYY-MM-DD' })
  dueDate!: string;

  @ApiProperty({ example: '与市委督导组检查时间冲突，顺延一周' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
