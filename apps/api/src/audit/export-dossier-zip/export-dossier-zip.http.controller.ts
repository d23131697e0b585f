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
import { ExportDossierZipQuery } from './export-dossier-zip.handler';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('campaigns')
export class ExportDossierZipHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':campaignId/dossier.zip')
  @Roles('auditor', 'leading_group', 'administrator')
  @ApiOperation({ summary: 'The 迎检 dossier as one ZIP: the XLSX workbook and every evidence file, under 证据/<branch>/<task>/<file name>' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'YYYY-MM-DD: the office day figures are evaluated on; an earlier day leaves out events recorded after it',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The archive, streamed as an attachment with a UTF-8 file name; X-Ledger-Digest names the log it was built from' })
  @ApiBadRequestResponse({ description: 'asOf is not a day YYYY-MM-DD' })
  @ApiNotFoundResponse({ description: 'No such campaign (by that day)' })
  @ApiForbiddenResponse({ description: 'Secretaries, and accounts of another unit' })
  async dossierZip(
    @Param('campaignId') campaignId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
    @Query('asOf') asOf?: string,
  ): Promise<StreamableFile> {
    const zip = await this.queries.execute(new ExportDossierZipQuery(campaignId, principal, dossierDay(asOf)));
    return dossierAttachment(response, {
      campaignId,
      dossier: zip.dossier,
      fileName: zip.fileName,
      extension: 'zip',
      type: 'application/zip',
      body: zip.stream,
    });
  }
}
