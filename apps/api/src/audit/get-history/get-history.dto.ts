import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { MAX_HISTORY_PAGE_SIZE } from '@campaign-ledger/audit';

const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => String(item).split(','))
    .map((item) => item.trim())
    .filter(Boolean);

export class GetHistoryQueryDto {
  @ApiPropertyOptional({ description: 'One stream by id (e.g. organisation-u1)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  stream?: string;

  @ApiPropertyOptional({ description: "A campaign: its stream and every branch's work in it" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  campaignId?: string;

  @ApiPropertyOptional({ description: "With campaignId: one branch's work" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  branchId?: string;

  @ApiPropertyOptional({ description: 'Events about this member (data.memberId, data.subjectId, attendance)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  memberId?: string;

  @ApiPropertyOptional({ description: 'Event types, repeated or comma-separated', type: [String] })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Office day (YYYY-MM-DD, in OFFICE_TIME_ZONE, default Asia/Shanghai) or ISO date-time, inclusive' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ description: 'Office day or ISO date-time, inclusive' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: MAX_HISTORY_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest first (log order); desc: newest first' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc (oldest first) or desc (newest first)' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: "Include auditors' read records (left out by default)" })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeAuditorReads?: boolean;
}
