import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

/** Text fields of the completion (multipart/form-data or application/json); the files come in `evidence`. */
export class CompleteTaskDto {
  @ApiPropertyOptional({ description: 'What was done (办理情况)', maxLength: 2000, example: '已制定支部学习计划并报活动办' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'Day the work was done, YYYY-MM-DD; defaults to today', example: '2009-03-27' })
  @IsOptional()
  @IsCalendarDate()
  completedOn?: string;

  @ApiPropertyOptional({ description: 'Client-chosen id: repeating a completion with the same id records nothing new', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  commandId?: string;
}
