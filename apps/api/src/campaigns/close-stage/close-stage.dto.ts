import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

export class CloseStageDto {
  @ApiProperty({ example: false, description: 'Close even with unfinished mandatory work, carrying it into the next stage (结转)' })
  @IsBoolean({ message: 'carryOver must be true or false' })
  carryOver!: boolean;

  @ApiPropertyOptional({ example: '经领导小组研究同意转段', description: 'Why (recorded with the transition)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
