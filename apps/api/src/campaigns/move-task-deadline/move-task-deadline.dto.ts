import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ISO_DATE_PATTERN } from '../plan-campaign/plan-campaign.dto';

export class MoveTaskDeadlineDto {
  @ApiProperty({ example: '2009-05-17', description: 'The new due date, within the campaign' })
  @Matches(ISO_DATE_PATTERN, { message: 'dueDate must be a date written YYYY-MM-DD' })
  dueDate!: string;

  @ApiProperty({ example: '与市委督导组检查时间冲突，顺延一周' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
