// Refusals raised by the organisation API itself (not by the domain): they go through the same error filter.
import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';
import { etagOf } from '@api/infrastructure/http/if-match';
import type { RosterImportAnswer } from '../import-roster/roster-import.plan';

export class UnitChangedSince extends DomainError {
  static readonly code = 'ORGANISATION.CHANGED_SINCE';
  static readonly kind: DomainErrorKind = 'precondition';
  static revision(unitId: string, expected: number, actual: number): UnitChangedSince {
    return new UnitChangedSince(
      `Unit ${unitId} changed since revision ${expected} (If-Match); it is now at ${actual}. Reload it and try again.`,
      `单位 ${unitId} 在版本 ${expected} 之后已被修改（当前为 ${actual}），请刷新后重试。`,
      { unitId, expected, actual: String(actual), currentETag: etagOf(actual) },
    );
  }
}

/** Some rows of an uploaded roster are refused: the whole file is, and the report lists every row at fault. */
export class RosterRowsRefused extends DomainError {
  static readonly code = 'ROSTER_IMPORT.ROWS_REFUSED';
  static readonly kind: DomainErrorKind = 'unprocessable';
  private report?: RosterImportAnswer;

  static inReport(report: RosterImportAnswer): RosterRowsRefused {
    const error = new RosterRowsRefused(
      `${report.refused.length} problem(s) in the roster, first on row ${report.refused[0]?.row}: correct the rows listed in report.refused and import again; nothing was written`,
      '名册中有错误行，本次导入未写入任何数据：请按 report.refused 更正后重新导入。',
      { refused: report.refused.length },
    );
    error.report = report;
    return error;
  }

  /** The report is the answer's own `report` member, where clients read the refused rows. */
  override toJSON() {
    return { ...super.toJSON(), extra: { report: this.report } };
  }
}

export class RosterFileUnreadable extends DomainError {
  static readonly code = 'ROSTER_IMPORT.FILE_UNREADABLE';
  static readonly kind: DomainErrorKind = 'validation';

  static empty(): RosterFileUnreadable {
    return new RosterFileUnreadable(
      'The file is empty: send a CSV or XLSX roster with a header row and at least one member row.',
      '文件为空：请上传包含表头和至少一行党员信息的 CSV 或 XLSX 名册。',
      { problem: 'empty' },
    );
  }

  static unknownFormat(fileName: string): RosterFileUnreadable {
    return new RosterFileUnreadable(
      `"${fileName}" is neither a CSV nor an XLSX file: save the roster as .xlsx or as CSV (UTF-8) and send it again.`,
      `“${fileName}”不是 CSV 或 XLSX 文件：请将名册另存为 .xlsx 或 CSV（UTF-8）后重新上传。`,
      { problem: 'unknown_format', fileName },
    );
  }

  static legacyXls(): RosterFileUnreadable {
    return new RosterFileUnreadable(
      'This is an old Excel 97-2003 (.xls) workbook, which is not supported: save it as .xlsx or as CSV (UTF-8).',
      '不支持旧版 Excel 97-2003（.xls）文件：请另存为 .xlsx 或 CSV（UTF-8）。',
      { problem: 'legacy_xls' },
    );
  }

  static invalidXlsx(detail: string): RosterFileUnreadable {
    return new RosterFileUnreadable(
      `The XLSX workbook cannot be read (${detail}): open it in Excel or WPS, save it again as .xlsx, and retry.`,
      `无法读取该 XLSX 工作簿（${detail === 'it is not a zip package' ? '不是有效的 xlsx 文件' : '工作表无法读取'}）：请用 Excel 或 WPS 打开后重新另存为 .xlsx 再上传。`,
      { problem: 'invalid_xlsx', detail },
    );
  }

  static notText(): RosterFileUnreadable {
    return new RosterFileUnreadable(
      'The file is not a text CSV (it contains binary data): export the roster as CSV (UTF-8) or .xlsx.',
      '该文件不是文本 CSV（含有二进制内容）：请导出为 CSV（UTF-8）或 .xlsx。',
      { problem: 'not_text' },
    );
  }

  static badEncoding(): RosterFileUnreadable {
    return new RosterFileUnreadable(
      'The CSV text is neither UTF-8 nor GB18030/GBK: save it as "CSV UTF-8".',
      'CSV 文件编码无法识别（既不是 UTF-8 也不是 GBK）：请另存为“CSV UTF-8”。',
      { problem: 'encoding' },
    );
  }

  static malformedCsv(detail: string): RosterFileUnreadable {
    return new RosterFileUnreadable(
      `The CSV is malformed: ${detail}. Check the quotes on that line (a quoted value must end with a closing quote).`,
      `CSV 格式错误：${detail}。请检查该行的引号是否成对。`,
      { problem: 'malformed_csv', detail },
    );
  }

  static noRows(): RosterFileUnreadable {
    return new RosterFileUnreadable(
      'The roster has a header row but no member rows: add one row per member.',
      '名册只有表头，没有党员数据：请每位党员填写一行。',
      { problem: 'no_rows' },
    );
  }

  static tooManyRows(count: number, max: number): RosterFileUnreadable {
    return new RosterFileUnreadable(
      `The roster has ${count} rows; one import takes at most ${max}: split the file by branch.`,
      `名册共 ${count} 行，单次导入最多 ${max} 行：请按支部拆分后分别导入。`,
      { problem: 'too_many_rows', count, max },
    );
  }

  static missingColumns(missing: readonly string[], found: readonly string[]): RosterFileUnreadable {
    return new RosterFileUnreadable(
      `The header row lacks the column(s) ${missing.join(', ')} (found: ${found.join(', ') || 'nothing'}). ` +
        'Use the headers 支部编号/branchId, 支部名称/branchName, 书记/secretaryName, 党员编号/memberId, 姓名/name, 是否党组成员/isLeader, 入党或加入日期/joinedOn.',
      `表头缺少以下列：${missing.join('、')}。请使用表头：支部编号、支部名称、书记、党员编号、姓名、是否党组成员、入党或加入日期。`,
      { problem: 'missing_columns', missing, found },
    );
  }

  static duplicateColumn(field: string, headers: readonly string[]): RosterFileUnreadable {
    return new RosterFileUnreadable(
      `The columns ${headers.map((h) => `"${h}"`).join(' and ')} both mean ${field}: keep only one of them.`,
      `列 ${headers.map((h) => `“${h}”`).join('、')} 含义相同（${field}），请只保留一列。`,
      { problem: 'duplicate_column', field, headers },
    );
  }
}
