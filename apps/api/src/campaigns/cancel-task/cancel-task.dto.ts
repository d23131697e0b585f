import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CancelTaskDto {
  @ApiProperty({ example: '上级通知取消该项要求' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
