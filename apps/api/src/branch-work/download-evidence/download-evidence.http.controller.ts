import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import type { HttpResponse } from '../shared/http';
import { EvidenceParamsDto, EvidenceViaDto } from './download-evidence.dto';
import { DownloadEvidenceQuery } from './download-evidence.handler';

@ApiTags('branch work')
@ApiBearerAuth()
@Controller('evidence')
export class DownloadEvidenceHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':sha256')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The stored bytes (always as an attachment)' })
  @ApiForbiddenResponse({ description: 'A secretary without ?campaignId=, or reading another branch' })
  @ApiNotFoundResponse({ description: 'Not stored, or not referenced by the named branch work' })
  async download(
    @Param() params: EvidenceParamsDto,
    @Query() via: EvidenceViaDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const file = await this.queries.execute(new DownloadEvidenceQuery(principal, params.sha256, { campaignId: via.campaignId, branchId: via.branchId }));
    // Uploaded content is never rendered by the browser as a page of this site.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('ETag', `"${file.sha256}"`);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    const name = file.fileName ?? file.sha256;
    return new StreamableFile(file.content, {
      type: file.contentType,
      length: file.content.length,
      disposition: `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }
}
