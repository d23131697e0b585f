import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignTemplateBody } from './validate-template.dto';
import { ValidateTemplateQuery } from './validate-template.handler';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class ValidateTemplateHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a template of your own before planning with it' })
  @ApiBody({ type: CampaignTemplateBody, description: 'The template JSON itself' })
  @ApiOkResponse({ description: '{ valid: true, summary: { structure, counts: { stages, phases, tracks, tasks } } }' })
  @ApiBadRequestResponse({ description: 'TEMPLATE.INVALID with details.errors[]: { path, message } for every problem' })
  validate(@Body() template: unknown) {
    return this.queries.execute(new ValidateTemplateQuery(template));
  }
}
