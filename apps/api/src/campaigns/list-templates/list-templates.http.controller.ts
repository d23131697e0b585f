import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListTemplatesQuery } from './list-templates.handler';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class ListTemplatesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Built-in campaign templates (内置活动模板), with their size' })
  @ApiOkResponse({ description: 'id, names and stage / phase / track / task counts of each built-in template' })
  list() {
    return this.queries.execute(new ListTemplatesQuery());
  }
}
