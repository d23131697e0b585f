import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ATTENDANCE_MARKS, type AttendanceMark } from '@campaign-ledger/domain';
import { IsCalendarDate } from '@api/infrastructure/http/validators';
import { IsAttendanceSheet } from '../shared/validators';

export class RecordStudySessionDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (letters, digits, . _ -); generated when left out', example: 'S-0325' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'sessionId must be 1..100 letters, digits, dot, dash or underscore' })
  sessionId?: string;

  @ApiProperty({ description: 'Day the session was held, YYYY-MM-DD', example: '2009-03-25' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ maxLength: 500, example: '学习科学发展观重要论述' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  topic!: string;

  @ApiProperty({
    description: 'Every active member of the branch on that day, marked; exempt members may be left out',
    type: 'object',
    additionalProperties: { type: 'string', enum: [...ATTENDANCE_MARKS] },
    example: { M1: 'present', M2: 'leave', M3: 'absent' },
  })
  @IsAttendanceSheet()
  attendance!: Record<string, AttendanceMark>;
}
