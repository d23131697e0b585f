import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const RANKINGS = ['completion', 'participation'] as const;
export type RankBy = (typeof RANKINGS)[number];

export class RankBranchesQueryDto {
  @ApiPropertyOptional({ enum: RANKINGS, default: 'completion' })
  @IsOptional()
  @IsIn(RANKINGS)
  by?: RankBy;
}
