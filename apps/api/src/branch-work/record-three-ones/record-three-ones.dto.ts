import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { THREE_ONES_ITEMS, type ThreeOnesItem } from '@campaign-ledger/domain';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

export class RecordThreeOnesDto {
  @ApiProperty({ example: 'M1' })
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'memberId must be a member id (letters, digits, dot, dash or underscore)' })
  memberId!: string;

  @ApiProperty({ enum: THREE_ONES_ITEMS, description: 'reading 通读书目, talk 交流发言, essay 心得文章' })
  @IsIn(THREE_ONES_ITEMS as unknown as string[], { message: `item must be one of: ${THREE_ONES_ITEMS.join(', ')}` })
  item!: ThreeOnesItem;

  @ApiProperty({ description: 'YYYY-MM-DD', example: '2009-04-01' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ maxLength: 500, example: '《科学发展观重要论述摘编》' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
