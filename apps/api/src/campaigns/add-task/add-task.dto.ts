import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';
import { TASK_KINDS, TASK_SCOPES, type TaskKind, type TaskScope } from '@campaign-ledger/domain';
import { ID_PATTERN } from '../plan-campaign/plan-campaign.dto';

export class WeekRangeDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  from!: number;

  @ApiProperty({ example: 9 })
  @IsInt()
  @Min(1)
  to!: number;
}

export class AddTaskDto {
  @ApiProperty({ example: 'T40' })
  @Matches(ID_PATTERN, { message: 'taskId must be 1..100 letters, digits, dot, dash or underscore' })
  taskId!: string;

  @ApiProperty({ example: '召开专题组织生活会' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  titleEn?: string;

  @ApiPropertyOptional({ example: 'S1', description: 'Needed when the campaign has stages, unless phaseId is given' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  stageId?: string;

  @ApiPropertyOptional({ example: 'P1' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  phaseId?: string;

  @ApiPropertyOptional({ example: 'K1' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  trackId?: string;

  @ApiProperty({ enum: TASK_SCOPES })
  @IsIn(TASK_SCOPES as unknown as string[], { message: `scope must be one of: ${TASK_SCOPES.join(', ')}` })
  scope!: TaskScope;

  @ApiProperty({ example: '2009-05-10', description: 'Within the campaign' })
  @IsCalendarDate({ message: 'dueDate must be a calendar date written YYYY-MM-DD' })
  dueDate!: string;

  @ApiPropertyOptional({ type: WeekRangeDto, description: 'Weekly tasks only: the campaign weeks to repeat in' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeekRangeDto)
  weeks?: WeekRangeDto;

  @ApiPropertyOptional({ type: [String], example: ['会议记录'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({ example: '机关党委' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  responsible?: string;

  @ApiPropertyOptional({ enum: TASK_KINDS, default: 'checklist' })
  @IsOptional()
  @IsIn(TASK_KINDS as unknown as string[], { message: `kind must be one of: ${TASK_KINDS.join(', ')}` })
  kind?: TaskKind;

  @ApiPropertyOptional({ description: 'Quantity tasks only' })
  @IsOptional()
  @IsNumber()
  target?: number;

  @ApiPropertyOptional({ description: 'Quantity tasks only; not below the target' })
  @IsOptional()
  @IsNumber()
  challenge?: number;

  @ApiPropertyOptional({ example: '篇' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  quantityUnit?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;

  @ApiProperty({ example: '上级通知新增专题学习', description: 'Why the plan changes (kept in the history for the auditor)' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
