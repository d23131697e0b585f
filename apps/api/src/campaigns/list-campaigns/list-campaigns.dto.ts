import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ListCampaignsQueryDto {
  @ApiPropertyOptional({ example: 'U1', description: "Only this unit's campaigns; defaults to your account's unit" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  unitId?: string;
}
