import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

export class ReportQuantityDto {
  @ApiPropertyOptional({ description: 'The instance reported on; give this or taskId', example: 'Q1:branch:B1' })
  @ValidateIf((dto: ReportQuantityDto) => dto.taskId === undefined || dto.instanceKey !== undefined)
  @IsString({ message: 'give instanceKey or taskId' })
  @IsNotEmpty()
  @MaxLength(300)
  instanceKey?: string;

  @ApiPropertyOptional({ description: 'The task, when the branch has exactly one instance of it', example: 'Q1' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  taskId?: string;

  @ApiProperty({ description: 'How many more (negative to correct an earlier report); not 0', example: 5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount!: number;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'Client-chosen id: the same report sent twice is counted once' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reportId?: string;
}
