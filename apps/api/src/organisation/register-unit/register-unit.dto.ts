import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsEntityId, IsText } from '../shared/organisation.validation';

export class RegisterUnitDto {
  @ApiPropertyOptional({ example: 'cppcc-office', description: 'Id of the unit; a UUID v7 is generated when omitted' })
  @IsOptional()
  @IsEntityId('unitId')
  unitId?: string;

  @ApiProperty({ example: '市政协机关' })
  @IsText('name', 200)
  name!: string;

  @ApiProperty({ example: 'CPPCC-2009', description: 'Short code of the unit' })
  @IsText('code', 50)
  code!: string;
}
