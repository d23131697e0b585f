import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { GetTemplateQuery } from './get-template.handler';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class GetTemplateHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':templateId')
  @ApiOperation({ summary: 'One built-in template, parsed and normalised (stages, phases, tracks, tasks)' })
  @ApiParam({ name: 'templateId', example: 'sdp-2009' })
  @ApiOkResponse({ description: 'The parsed template and its summary' })
  @ApiNotFoundResponse({ description: 'No built-in template has this id' })
  get(@Param('templateId') templateId: string) {
    return this.queries.execute(new GetTemplateQuery(templateId));
  }
}
