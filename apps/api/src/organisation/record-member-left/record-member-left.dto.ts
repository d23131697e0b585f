import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDateString, IsText } from '../shared/organisation.validation';

export class RecordMemberLeftDto {
  @ApiProperty({ example: '2009-06-30', description: 'Day the member left the unit, YYYY-MM-DD' })
  @IsIsoDateString()
  on!: string;

  @ApiProperty({ example: '调离本单位', description: 'Why the member left; required' })
  @IsText('reason', 500)
  reason!: string;
}
