import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CloseCampaignDto {
  @ApiPropertyOptional({ example: '活动圆满结束，转入常态化整改' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}
