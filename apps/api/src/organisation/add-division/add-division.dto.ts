import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId, IsText } from '../shared/organisation.validation';

export class AddDivisionDto {
  @ApiProperty({ example: 'D-OFFICE', description: 'Id of the division (处室), unique in the unit' })
  @IsEntityId('divisionId')
  divisionId!: string;

  @ApiProperty({ example: '办公室' })
  @IsText('name')
  name!: string;
}
