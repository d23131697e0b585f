import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ListInstancesQueryDto {
  @ApiPropertyOptional({ example: 'B1', description: 'The branch ("_unit" for unit-level work); a secretary may omit it for their own branch' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  branchId?: string;
}
