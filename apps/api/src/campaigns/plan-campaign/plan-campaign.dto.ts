import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsCalendarDate } from '@api/infrastructure/http/validators';

/** Ids that are safe inside stream ids and instance keys. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

@ValidatorConstraint({ name: 'templateOrTemplateId' })
class NotBothTemplates implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const dto = args.object as PlanCampaignDto;
    return dto.template === undefined || dto.templateId === undefined;
  }
  defaultMessage(): string {
    return 'give either templateId (a built-in template) or template (your own), not both';
  }
}

export class PlanCampaignDto {
  @ApiPropertyOptional({ example: 'sdp-2009-whzx', description: 'Chosen by the client for a safe retry; generated when omitted' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'campaignId must be 1..100 letters, digits, dot, dash or underscore, starting with a letter or digit' })
  campaignId?: string;

  @ApiProperty({ example: 'U1' })
  @IsString()
  @Length(1, 100)
  unitId!: string;

  @ApiProperty({ example: '深入学习实践科学发展观活动' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'sdp-2009', description: 'A built-in template (GET /api/templates); or send `template`' })
  @ValidateIf((dto: PlanCampaignDto) => dto.template === undefined || dto.templateId !== undefined)
  @IsString({ message: 'templateId must name a built-in template (or send your own template object as "template")' })
  @IsNotEmpty()
  templateId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Your own template (checked like POST /api/templates/validate); or send `templateId`',
  })
  @ValidateIf((dto: PlanCampaignDto) => dto.templateId === undefined || dto.template !== undefined)
  @IsObject({ message: 'template must be a template object (or name a built-in one with "templateId")' })
  @Validate(NotBothTemplates)
  template?: Record<string, unknown>;

  @ApiProperty({ example: '2009-03-16', description: 'Monday of week 1' })
  @IsCalendarDate({ message: 'startDate must be a calendar date written YYYY-MM-DD' })
  startDate!: string;

  @ApiPropertyOptional({ example: '2009-08-30', description: 'Defaults to the Sunday of the last week the template plans' })
  @IsOptional()
  @IsCalendarDate({ message: 'endDate must be a calendar date written YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional({ example: 'B1', description: 'Branch that keeps unit- and division-level work; default: the unit level (_unit)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  officeBranchId?: string;
}
