// The audit library's own errors, as the HTTP answers that say what to fix.
import { BadRequestException, HttpStatus, NotFoundException } from '@nestjs/common';
import { CampaignNotInLogError, CampaignNotYetPlannedError, InvalidMomentError } from '@campaign-ledger/audit';

export function translateAuditError(error: unknown): never {
  if (error instanceof InvalidMomentError) {
    throw new BadRequestException({ statusCode: HttpStatus.BAD_REQUEST, error: error.code, message: error.message });
  }
  if (error instanceof CampaignNotInLogError || error instanceof CampaignNotYetPlannedError) {
    throw new NotFoundException({ statusCode: HttpStatus.NOT_FOUND, error: error.code, message: error.message });
  }
  throw error;
}
