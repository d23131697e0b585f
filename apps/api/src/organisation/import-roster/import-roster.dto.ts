import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportRosterQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only check the file and return the report, write nothing' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

/** The multipart body, for the API documentation (the file itself is read by FileInterceptor). */
export class ImportRosterFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'CSV (UTF-8, BOM allowed; GBK accepted) or XLSX, at most 5 MB, header row then one row per member. Columns: 支部编号/branchId, 支部名称/branchName, ' +
      '书记/secretaryName, 党员编号/memberId, 姓名/name, 是否党组成员/isLeader (是/否, true/false, 1/0), 入党或加入日期/joinedOn (YYYY-MM-DD, default today)',
  })
  file!: unknown;
}
