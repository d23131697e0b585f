import { Controller, Get, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { dossierAttachment, dossierDay } from '../dossier-download';
import { ExportDossierQuery } from './export-dossier.handler';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('campaigns')
export class ExportDossierHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':campaignId/dossier.xlsx')
  @Roles('auditor', 'leading_group', 'administrator')
  @ApiOperation({ summary: 'The 迎检 dossier (台账) as an Excel workbook: 概况, 任务台账, 学习参与, 半年检查, with the log digest it was built from' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'YYYY-MM-DD: the office day figures are evaluated on; an earlier day leaves out events recorded after it',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The workbook, as an attachment with a UTF-8 file name; X-Ledger-Digest names the log it was built from' })
  @ApiBadRequestResponse({ description: 'asOf is not a day YYYY-MM-DD' })
  @ApiNotFoundResponse({ description: 'No such campaign (by that day)' })
  @ApiForbiddenResponse({ description: 'Secretaries, and accounts of another unit' })
  async dossier(
    @Param('campaignId') campaignId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
    @Query('asOf') asOf?: string,
  ): Promise<StreamableFile> {
    const file = await this.queries.execute(new ExportDossierQuery(campaignId, principal, dossierDay(asOf)));
    return dossierAttachment(response, { campaignId, dossier: file.dossier, fileName: file.fileName, extension: 'xlsx', type: XLSX_TYPE, body: file.content });
  }
}
