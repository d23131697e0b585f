import { Body, Controller, Param, Post, Res, UploadedFiles } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FilesInterceptor } from '@nestjs/platform-express';
import { Uploads } from '@api/infrastructure/uploads/uploads.decorator';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@api/auth/principal';
import { answerWrite, BRANCH_ROUTE, BranchWorkWriters, type HttpResponse } from '../shared/http';
import { CompleteTaskCommand } from './complete-task.handler';
import { CompleteTaskDto } from './complete-task.dto';

export const MAX_EVIDENCE_FILES = 10;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

interface ReceivedFile {
  readonly originalname: string;
  readonly mimetype: string;
  readonly buffer: Buffer;
}

@ApiTags('branch work')
@ApiBearerAuth()
@Controller(BRANCH_ROUTE)
export class CompleteTaskHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('instances/:instanceKey/complete')
  @BranchWorkWriters()
  @Uploads(
    FilesInterceptor('evidence', MAX_EVIDENCE_FILES, {
      limits: { fileSize: MAX_EVIDENCE_BYTES, files: MAX_EVIDENCE_FILES },
      // Browsers send file names in UTF-8 (会议记录.pdf); busboy would read them as latin1.
      defParamCharset: 'utf8',
    }),
  )
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    description: 'Mark a task instance done (URL-encode the key: T07%3Amember%3AM42). 0..10 files in `evidence`, each ≤ 10 MB.',
    schema: {
      type: 'object',
      properties: {
        note: { type: 'string', maxLength: 2000 },
        completedOn: { type: 'string', format: 'date', description: 'defaults to today' },
        commandId: { type: 'string' },
        evidence: { type: 'array', maxItems: MAX_EVIDENCE_FILES, items: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiCreatedResponse({ description: 'Recorded (TaskCompleted)' })
  @ApiOkResponse({ description: 'Identical retry: already done, nothing new recorded' })
  @ApiForbiddenResponse({ description: "Not this principal's branch, or the instance / member is not this branch's" })
  @ApiNotFoundResponse({ description: 'Unknown campaign, branch, task, instance or member' })
  @ApiConflictResponse({ description: 'Already completed differently (reopen first), or the task is cancelled' })
  @ApiPayloadTooLargeResponse({ description: 'A file is larger than 10 MB' })
  async complete(
    @Param('campaignId') campaignId: string,
    @Param('branchId') branchId: string,
    @Param('instanceKey') instanceKey: string,
    @Body() body: CompleteTaskDto,
    @UploadedFiles() files: ReceivedFile[] | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const result = await this.commands.execute(
      new CompleteTaskCommand(principal, campaignId, branchId, instanceKey, {
        note: body.note,
        completedOn: body.completedOn,
        commandId: body.commandId,
        files: (files ?? []).map((f) => ({ fileName: f.originalname, contentType: f.mimetype || 'application/octet-stream', content: f.buffer })),
      }),
    );
    return answerWrite(response, result);
  }
}
