// Query-string rules of the read-model routes: the day the figures are for and the amber warning window.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_AMBER_DAYS } from '@campaign-ledger/projections';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

/** `?asOf=` and `?amberDays=` left empty mean the same as leaving them out. */
const emptyAsMissing = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class AmberDaysQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365, description: `Due within this many days counts as amber (default ${DEFAULT_AMBER_DAYS})` })
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(365)
  amberDays?: number;
}

export class AsOfQueryDto extends AmberDaysQueryDto {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD; an earlier day replays the log as recorded by then', example: '2009-03-27' })
  @IsOptional()
  @Transform(emptyAsMissing)
  @IsCalendarDate()
  asOf?: string;
}
