import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

export class RecordMakeUpDto {
  @ApiProperty({ description: 'A member who was absent or on leave at the session', example: 'M2' })
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'memberId must be a member id (letters, digits, dot, dash or underscore)' })
  memberId!: string;

  @ApiProperty({ description: 'Day of the make-up (补学), YYYY-MM-DD, not before the session', example: '2009-03-27' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ maxLength: 2000, example: '自学并提交学习笔记' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
