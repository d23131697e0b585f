import { Controller, HttpCode, Param, Post, Query, UploadedFile } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { Uploads } from '@api/infrastructure/uploads/uploads.decorator';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '@api/auth/principal';
import { RequestValidationError } from '@api/infrastructure/errors/request-validation.error';
import { RespondsWithETag } from '@api/infrastructure/http/if-match';
import { WRITERS } from '../shared/organisation.http';
import { ImportRosterCommand } from './import-roster.handler';
import { ImportRosterFileDto, ImportRosterQueryDto } from './import-roster.dto';
import type { RosterImportAnswer } from './roster-import.plan';

/** What multer's memory storage hands over (its global `Express.Multer.File` type is not loaded here). */
interface UploadedFileLike {
  readonly buffer: Buffer;
  readonly originalname: string;
  readonly mimetype: string;
  readonly size: number;
}

export const MAX_ROSTER_FILE_BYTES = 5 * 1024 * 1024;

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class ImportRosterHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/import')
  @Roles(...WRITERS)
  // 200 in both cases (imported, or dry run): the body says `written`.
  @HttpCode(200)
  @RespondsWithETag()
  // Browsers send file names as raw UTF-8 (名册.xlsx); multer would read them as latin1.
  @Uploads(FileInterceptor('file', { limits: { fileSize: MAX_ROSTER_FILE_BYTES, files: 1 }, defParamCharset: 'utf8' }))
  @ApiOperation({
    summary: 'Import a roster (CSV or XLSX): creates missing branches and members in one append, or nothing at all',
    description:
      'Every row is checked first. Any refused row → 422 with the report and nothing written. `?dryRun=true` → the report only. Otherwise one append with every new branch and member.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportRosterFileDto })
  @ApiOkResponse({ description: 'The report { accepted, refused: [], branchesCreated, membersJoined, events, written, dryRun, revision }' })
  @ApiBadRequestResponse({ description: 'No file, empty file, unknown format, malformed CSV or missing columns' })
  @ApiForbiddenResponse({ description: 'Only an administrator imports rosters' })
  @ApiNotFoundResponse({ description: 'No such unit' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 5 MB' })
  @ApiUnprocessableEntityResponse({ description: 'Some rows are refused: { report: { refused: [{ row, field, reason }] } }; nothing was written' })
  async import(
    @Param('unitId') unitId: string,
    @Query() query: ImportRosterQueryDto,
    @UploadedFile() file: UploadedFileLike | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RosterImportAnswer> {
    if (!file) throw RequestValidationError.field('file', 'send the roster as a multipart/form-data upload in the field "file"');
    return this.commandBus.execute(
      new ImportRosterCommand(
        unitId,
        { buffer: file.buffer, originalname: file.originalname, mimetype: file.mimetype },
        query.dryRun === 'true',
        actorOf(principal),
      ),
    );
  }
}
