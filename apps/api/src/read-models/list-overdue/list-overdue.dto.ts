import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsOptional } from 'class-validator';
import { AsOfQueryDto } from '../shared/read-model-query.dto';

export const MAX_OVERDUE_LIMIT = 1_000;
const FALLBACK_LIMIT = 200;

export class ListOverdueQueryDto extends AsOfQueryDto {
  // Never refused: a value out of range is brought into it, one that is not a number (or 0) reads as 200.
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_OVERDUE_LIMIT, description: `At most this many instances (default ${FALLBACK_LIMIT})` })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Math.min(MAX_OVERDUE_LIMIT, Math.max(1, Number(value) || FALLBACK_LIMIT))))
  @IsNumber()
  limit?: number;
}
