import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Documents the template JSON for Swagger only. The body is deliberately not run through class-validator: a template
 * accepts two formats with field aliases, and parseTemplate checks all of it and reports every problem with its JSON path,
 * which a DTO would only duplicate (and its whitelist would strip the aliases).
 */
export class CampaignTemplateBody {
  @ApiProperty({ example: '小型活动', description: 'name or name_zh' })
  name!: string;

  @ApiPropertyOptional({ example: 4, description: 'campaign length in weeks' })
  weeks?: number;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'ordered stages (阶段), phases nested or top-level with `stage`' })
  stages?: unknown[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'parallel tracks (重点措施), instead of stages' })
  tracks?: unknown[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [{ id: 'A1', title: '支部学习计划', track: 'K1', scope: 'branch', due_week: 1 }],
  })
  tasks!: unknown[];
}
