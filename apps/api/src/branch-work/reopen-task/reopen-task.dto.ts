import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

export class ReopenTaskDto {
  @ApiProperty({
    description: 'Why the completion is reopened: the auditor reads it beside the original',
    maxLength: 2000,
    example: '佐证材料不全，需补充会议记录',
  })
  @IsString()
  @IsNotEmpty({ message: 'reason must say why the task is reopened' })
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Day of the reopening, YYYY-MM-DD; defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
