import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class EvidenceParamsDto {
  @ApiProperty({ description: 'Lower-case hex SHA-256 of the file', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be the 64-character lower-case hex SHA-256 of the file' })
  sha256!: string;
}

export class EvidenceViaDto {
  @ApiPropertyOptional({ description: 'Campaign whose branch work references the file (required for a secretary)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  campaignId?: string;

  @ApiPropertyOptional({ description: "Branch whose work references the file (a secretary's own branch by default)" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  branchId?: string;
}
