import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../diagnostics.ts';
import { MAX_CUSTOM_SCHEMA_BYTES, detectSchemaFormat, parseCustomSchema } from './custom-schema.ts';
import { MAX_DIAGNOSTICS, SCHEMA_CODES } from './schema-diagnostics.ts';
import type { TableSchema } from './types.ts';

/** `Name(col:type, ...)` for compact assertions. */
function shape(table: TableSchema): string {
  return `${table.name}(${table.columns.map((c) => `${c.name}:${c.type}`).join(', ')})`;
}

function where(d: Diagnostic): string {
  return `${d.code} ${d.severity} ${d.line}:${d.column}`;
}

describe('declarations', () => {
  test('a one-line declaration', () => {
    const result = parseCustomSchema('MyTable_CL(TimeGenerated:datetime, Computer:string, EventCount:long)');
    expect(result.format).toBe('declarations');
    expect(result.diagnostics).toEqual([]);
    expect(result.tables.map(shape)).toEqual(['MyTable_CL(TimeGenerated:datetime, Computer:string, EventCount:long)']);
    expect(result.tables[0]?.origin).toBe('custom');
  });

  test('.create / .create-merge commands, bracketed names, with-clauses, comments and loose whitespace', () => {
    const text = [
      '// firewall logs',
      '.create table Firewall_CL (',
      '    TimeGenerated : datetime ,',
      "    ['Source IP']:string,   // quoted because of the space",
      '    ["Dest-Port"]:int,',
      ") with (docstring = 'from the (legacy) collector', folder = \"fw\")",
      '',
      '.create-merge tables Proxy_CL(Url:string, Bytes:long), Dns_CL(Query:string,)',
    ].join('\n');
    const result = parseCustomSchema(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.tables.map(shape)).toEqual([
      'Firewall_CL(TimeGenerated:datetime, Source IP:string, Dest-Port:int)',
      'Proxy_CL(Url:string, Bytes:long)',
      'Dns_CL(Query:string)',
    ]);
  });

  test('the type aliases Kusto accepts', () => {
    const result = parseCustomSchema(
      'T(a:boolean, b:int32, c:int64, d:double, e:float, f:date, g:time, h:uniqueid, i:object, j:decimal, k:String)',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.tables.map(shape)).toEqual([
      'T(a:bool, b:int, c:long, d:real, e:real, f:datetime, g:timespan, h:guid, i:dynamic, j:decimal, k:string)',
    ]);
  });

  test('an unknown type is reported at the type, and the rest of the table is kept', () => {
    const text = 'MyTable_CL(TimeGenerated:datetime,\n         Msg:strng, Level:int)';
    const result = parseCustomSchema(text);
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d && where(d)).toBe('RB-SCHEMA-003 error 2:14');
    expect(d?.message).toBe(
      "expected a column type after ':' (one of bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic), found 'strng'",
    );
    expect(d?.span).toEqual({ start: text.indexOf('strng'), end: text.indexOf('strng') + 5 });
    expect(d?.endColumn).toBe(19);
    expect(result.tables.map(shape)).toEqual(['MyTable_CL(TimeGenerated:datetime, Level:int)']);
  });

  test('syntax errors say what was expected and where, and reading resumes', () => {
    const result = parseCustomSchema(['A_CL(a string, b:int)', 'B_CL x:int', 'C_CL(c:long)'].join('\n'));
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-002 error 1:8 expected ':' after the column name 'a', found 'string'",
      "RB-SCHEMA-002 error 2:6 expected '(' after the table name 'B_CL', found 'x'",
    ]);
    expect(result.tables.map(shape)).toEqual(['A_CL(b:int)', 'C_CL(c:long)']);
  });

  test('a column list left open is reported at its "(" and the next declaration is still read', () => {
    const result = parseCustomSchema('A_CL(a:int,\nB_CL(b:int)');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-002 error 1:5 expected ')' to close the column list of 'A_CL' opened here",
    ]);
    expect(result.tables.map(shape)).toEqual(['A_CL(a:int)', 'B_CL(b:int)']);
  });

  test('end of input inside a column list', () => {
    const result = parseCustomSchema('A_CL(a:int, b:');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-002 error 1:15 expected a column type after ':' (one of bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic), found end of input",
      "RB-SCHEMA-002 error 1:5 expected ')' to close the column list of 'A_CL' opened here",
    ]);
  });

  test('duplicate columns and tables are errors that point at the second definition', () => {
    const result = parseCustomSchema('T(a:int, a:string)\nT(b:int)');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-005 error 1:10 duplicate column 'a' in table 'T' (first defined at line 1, column 3); the first definition is kept",
      "RB-SCHEMA-006 error 2:1 table 'T' is defined more than once (first defined at line 1, column 1); the first definition is kept",
    ]);
    expect(result.tables.map(shape)).toEqual(['T(a:int)']);
  });

  test('column names are case-sensitive, as in Kusto', () => {
    const result = parseCustomSchema('T(name:string, Name:string)');
    expect(result.diagnostics).toEqual([]);
    expect(result.tables.map(shape)).toEqual(['T(name:string, Name:string)']);
  });

  test('names that are not KQL identifiers need brackets', () => {
    const result = parseCustomSchema("1Table(ok:int, 2col:int, my-col:int, ['3col']:int)");
    expect(result.diagnostics.map(where)).toEqual(['RB-SCHEMA-004 error 1:1', 'RB-SCHEMA-004 error 1:16', 'RB-SCHEMA-004 error 1:26']);
    expect(result.diagnostics[1]?.message).toBe(
      "'2col' is not a valid KQL identifier (letters, digits and underscores, not starting with a digit); write ['2col'] to use this column name as it is",
    );
    // Reported, but kept: the intent is unambiguous and the schema string brackets them.
    expect(result.tables.map(shape)).toEqual(['1Table(ok:int, 2col:int, my-col:int, 3col:int)']);
  });

  test('an empty column list', () => {
    const result = parseCustomSchema('Empty_CL()\nFull_CL(a:int)');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-007 error 1:1 table 'Empty_CL' has no usable columns; expected at least one column such as 'TimeGenerated:datetime'",
    ]);
    expect(result.tables.map(shape)).toEqual(['Full_CL(a:int)']);
  });

  test('bracketed names with escapes and problems', () => {
    const ok = parseCustomSchema("T(['it\\'s']:string, [ \"tab\\there\" ]:int)");
    expect(ok.tables[0]?.columns.map((c) => c.name)).toEqual(["it's"]);
    // A name holding a tab is dropped: it could not be written on one line of KQL.
    expect(ok.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      'RB-SCHEMA-004 error 1:21 invalid column name: a name cannot contain control characters such as tabs or line breaks',
    ]);

    const bad = parseCustomSchema('T([MyCol]:string, ok:int)');
    expect(bad.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-002 error 1:3 expected a column name, found '[' (expected a quoted name after '[', as in ['My Col'])",
    ]);
    expect(bad.tables.map(shape)).toEqual(['T(ok:int)']);
  });

  test('unsupported commands are named', () => {
    const result = parseCustomSchema('.drop table T (a:int)');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-002 error 1:1 expected a table declaration such as 'MyTable_CL(TimeGenerated:datetime)' or '.create table MyTable_CL (...)', found '.drop'",
    ]);
  });
});

describe('getschema output', () => {
  const TAB_WITH_HEADER = [
    'ColumnName\tColumnOrdinal\tDataType\tColumnType',
    'TimeGenerated\t0\tSystem.DateTime\tdatetime',
    'Computer\t1\tSystem.String\tstring',
    'EventCount\t2\tSystem.Int64\tlong',
    'Score\t3\tSystem.Double\treal',
    'IsAdmin\t4\tSystem.SByte\tbool',
    'Props\t5\tSystem.Object\tdynamic',
    'Id\t6\tSystem.Guid\tguid',
    'Elapsed\t7\tSystem.TimeSpan\ttimespan',
    'Amount\t8\tSystem.Data.SqlTypes.SqlDecimal\tdecimal',
    'Port\t9\tSystem.Int32\tint',
  ].join('\n');

  test('tab-separated rows with a header, named by the defaultTableName option', () => {
    const result = parseCustomSchema(TAB_WITH_HEADER, { defaultTableName: 'Signin_CL' });
    expect(result.format).toBe('getschema');
    expect(result.diagnostics).toEqual([]);
    expect(result.tables.map(shape)).toEqual([
      'Signin_CL(TimeGenerated:datetime, Computer:string, EventCount:long, Score:real, IsAdmin:bool, Props:dynamic, Id:guid, Elapsed:timespan, Amount:decimal, Port:int)',
    ]);
  });

  test('without a table name, a diagnostic asks for one and no table is returned', () => {
    const result = parseCustomSchema(TAB_WITH_HEADER);
    expect(result.tables).toEqual([]);
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-008 error 2:1 getschema output does not include the table name: put it on a line of its own before the rows (e.g. 'MyTable_CL') or give a default table name",
    ]);
  });

  test('a first line naming the table, CSV rows with quoting, no header', () => {
    const text = ['AuditLogs_CL', 'TimeGenerated,0,System.DateTime,datetime', '"User, Display",1,System.String,string', 'Flags,2,System.SByte,'].join(
      '\r\n',
    );
    const result = parseCustomSchema(text);
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-004 info 3:1 column name 'User, Display' is not a plain identifier; queries must write it as ['User, Display']",
    ]);
    // The last row has no ColumnType, so its DataType decides.
    expect(result.tables.map(shape)).toEqual(['AuditLogs_CL(TimeGenerated:datetime, User, Display:string, Flags:bool)']);
  });

  test('space-separated rows as copied from the Log Analytics grid, "// Name" lines starting each table', () => {
    const text = [
      '// Heartbeat_CL',
      'TimeGenerated    0    System.DateTime    datetime',
      'Agent Version    1    System.String      string',
      '',
      '// Other_CL',
      'Id 0 System.Guid guid',
      'Source Host 1 System.String string',
    ].join('\n');
    const result = parseCustomSchema(text);
    expect(result.tables.map(shape)).toEqual([
      'Heartbeat_CL(TimeGenerated:datetime, Agent Version:string)',
      'Other_CL(Id:guid, Source Host:string)',
    ]);
    // Names with spaces are real Kusto names; the note says how to write them in a query.
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-004 info 3:1 column name 'Agent Version' is not a plain identifier; queries must write it as ['Agent Version']",
      "RB-SCHEMA-004 info 7:1 column name 'Source Host' is not a plain identifier; queries must write it as ['Source Host']",
    ]);
  });

  test('an unknown type is reported at its field', () => {
    const result = parseCustomSchema('T_CL\nTimeGenerated\t0\tSystem.DateTime\tdatetime\nMsg\t1\tSystem.String\tstrng');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-003 error 3:21 expected a column type for 'Msg' (one of bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic, or a System.* name such as System.String), found 'strng'",
    ]);
    expect(result.tables.map(shape)).toEqual(['T_CL(TimeGenerated:datetime)']);
  });

  test('a bad ordinal and a DataType that disagrees with ColumnType', () => {
    const result = parseCustomSchema('T_CL\nA\tx\tSystem.String\tstring\nB\t1\tSystem.String\tlong');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-011 error 2:3 expected 'ColumnName ColumnOrdinal DataType ColumnType': the ordinal must be a whole number, found 'x'",
      "RB-SCHEMA-012 warning 3:5 DataType 'System.String' is string but ColumnType says long; using long",
    ]);
    expect(result.tables.map(shape)).toEqual(['T_CL(B:long)']);
  });

  test('rows that do not match the header row', () => {
    const result = parseCustomSchema('T_CL\nColumnName\tColumnType\nA\tstring\nB\t1\tstring');
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      'RB-SCHEMA-011 error 4:1 expected 2 fields (ColumnName, ColumnType) as in the header row, found 3',
    ]);
    expect(result.tables.map(shape)).toEqual(['T_CL(A:string)']);
  });

  test('duplicate columns and a name line naming a table twice', () => {
    const result = parseCustomSchema('T_CL\nA\t0\tSystem.String\tstring\nA\t1\tSystem.Int64\tlong\nT_CL\nB\t0\tSystem.String\tstring');
    expect(result.diagnostics.map(where)).toEqual(['RB-SCHEMA-005 error 3:1', 'RB-SCHEMA-006 error 4:1']);
    expect(result.tables.map(shape)).toEqual(['T_CL(A:string)']);
  });
});

describe('JSON', () => {
  const SHOW_DATABASE_SCHEMA = `{
  "Plugins": [],
  "Databases": {
    "SecurityLogs": {
      "Name": "SecurityLogs",
      "Tables": {
        "Proxy_CL": {
          "Name": "Proxy_CL",
          "DocString": "",
          "OrderedColumns": [
            { "Name": "TimeGenerated", "Type": "System.DateTime", "CslType": "datetime" },
            { "Name": "Url", "Type": "System.String", "CslType": "string" },
            { "Name": "Blocked", "Type": "System.SByte", "CslType": "bool" }
          ]
        },
        "Dns_CL": {
          "Name": "Dns_CL",
          "OrderedColumns": [{ "Name": "Query", "Type": "System.String" }, { "Name": "Answers", "Type": "System.Object" }]
        }
      },
      "ExternalTables": {},
      "MaterializedViews": {},
      "Functions": {}
    }
  }
}`;

  test('.show database schema as json', () => {
    const result = parseCustomSchema(SHOW_DATABASE_SCHEMA);
    expect(result.format).toBe('json');
    expect(result.diagnostics).toEqual([]);
    expect(result.tables.map(shape)).toEqual([
      'Proxy_CL(TimeGenerated:datetime, Url:string, Blocked:bool)',
      'Dns_CL(Query:string, Answers:dynamic)',
    ]);
  });

  test('a single table object, named by its Name or by the default name', () => {
    const table = '{"Name":"One_CL","OrderedColumns":[{"Name":"a","Type":"System.Int32","CslType":"int"}]}';
    expect(parseCustomSchema(table).tables.map(shape)).toEqual(['One_CL(a:int)']);

    const unnamed = '{"OrderedColumns":[{"Name":"a","CslType":"int"}]}';
    expect(parseCustomSchema(unnamed, { defaultTableName: 'Two_CL' }).tables.map(shape)).toEqual(['Two_CL(a:int)']);
    const missing = parseCustomSchema(unnamed);
    expect(missing.tables).toEqual([]);
    expect(missing.diagnostics.map(where)).toEqual(['RB-SCHEMA-008 error 1:1']);
  });

  test('an array of {name, columns} and a Log Analytics table resource', () => {
    const list = '[{"name":"A_CL","columns":[{"name":"x","type":"boolean"},{"name":"y","type":"long"}]},\n {"name":"B_CL","columns":[{"name":"z","type":"dynamic"}]}]';
    expect(parseCustomSchema(list).tables.map(shape)).toEqual(['A_CL(x:bool, y:long)', 'B_CL(z:dynamic)']);

    const resource = '{"properties":{"schema":{"name":"C_CL","columns":[{"name":"TimeGenerated","type":"datetime"}]}}}';
    expect(parseCustomSchema(resource).tables.map(shape)).toEqual(['C_CL(TimeGenerated:datetime)']);
  });

  test('syntax errors carry the line and column', () => {
    const text = '{\n  "Name": "T",\n  "OrderedColumns": [ {"Name": "a" "CslType": "string"} ]\n}';
    const result = parseCustomSchema(text);
    expect(result.tables).toEqual([]);
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `RB-SCHEMA-009 error 3:36 invalid JSON: expected ',' or '}' after the value of "Name", found '"'`,
    ]);

    const trailing = parseCustomSchema('[\n  {"name": "A", "columns": []},\n]');
    expect(trailing.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "RB-SCHEMA-009 error 3:1 invalid JSON: expected another array item after ',', found ']' (JSON does not allow a trailing comma)",
    ]);
  });

  test('shape errors and unknown types point at the value', () => {
    const wrong = parseCustomSchema('{"foo": 1}');
    expect(wrong.diagnostics.map(where)).toEqual(['RB-SCHEMA-010 error 1:1']);
    expect(wrong.diagnostics[0]?.message).toContain('has no "OrderedColumns" or "columns"');

    const text = '{"Name":"T","OrderedColumns":[\n  {"Name":"a","CslType":"strng"},\n  {"Name":"b","CslType":"int"},\n  {"CslType":"int"}\n]}';
    const result = parseCustomSchema(text);
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `RB-SCHEMA-003 error 2:25 expected a column type for "a" (one of bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic, or a System.* name such as System.String), found 'strng'`,
      'RB-SCHEMA-010 error 4:3 expected the column to have a "Name" string',
    ]);
    expect(result.tables.map(shape)).toEqual(['T(b:int)']);
  });

  test('duplicate columns, duplicate tables and empty tables', () => {
    const text = '[{"name":"A","columns":[{"name":"x","type":"int"},{"name":"x","type":"long"}]},{"name":"A","columns":[{"name":"y","type":"int"}]},{"name":"E","columns":[]}]';
    const result = parseCustomSchema(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      SCHEMA_CODES.duplicateColumn,
      SCHEMA_CODES.duplicateTable,
      SCHEMA_CODES.emptyColumnList,
    ]);
    expect(result.tables.map(shape)).toEqual(['A(x:int)']);
  });
});

describe('prototype pollution', () => {
  test('__proto__, constructor and prototype are plain table and column names in every format', () => {
    const inputs = [
      '__proto__(__proto__:string, constructor:int, prototype:long)',
      '__proto__\n__proto__\t0\tSystem.String\tstring\nconstructor\t1\tSystem.Int32\tint\nprototype\t2\tSystem.Int64\tlong',
      '{"Databases":{"__proto__":{"Tables":{"__proto__":{"OrderedColumns":[{"Name":"__proto__","CslType":"string"},{"Name":"constructor","CslType":"int"},{"Name":"prototype","CslType":"long"}]}}}}}',
    ];
    for (const input of inputs) {
      const result = parseCustomSchema(input);
      expect(result.diagnostics).toEqual([]);
      expect(result.tables.map(shape)).toEqual(['__proto__(__proto__:string, constructor:int, prototype:long)']);
    }
    const probe: Record<string, unknown> = {};
    expect(probe['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test('JSON that tries to set properties on prototypes changes nothing', () => {
    parseCustomSchema('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"Name":"T","OrderedColumns":[]}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('guards', () => {
  test('input over 5 MB is refused with a message', () => {
    const result = parseCustomSchema(`T(a:string)\n${'/'.repeat(MAX_CUSTOM_SCHEMA_BYTES)}`);
    expect(result.tables).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'RB-SCHEMA-001',
        severity: 'error',
        message: 'the schema text is larger than 5 MB and was not read; paste only the tables you need',
      },
    ]);
  });

  test('the limit counts UTF-8 bytes, not characters', () => {
    const accented = `T(a:string) // ${'é'.repeat(MAX_CUSTOM_SCHEMA_BYTES / 2)}`;
    expect(accented.length).toBeLessThan(MAX_CUSTOM_SCHEMA_BYTES);
    expect(parseCustomSchema(accented).diagnostics[0]?.code).toBe('RB-SCHEMA-001');
  });

  test('a flood of problems is capped', () => {
    const text = Array.from({ length: 500 }, (_, i) => `T${i}(a:nope)`).join('\n');
    const result = parseCustomSchema(text);
    expect(result.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(result.diagnostics.at(-1)).toMatchObject({ code: 'RB-SCHEMA-014', severity: 'info' });
    expect(result.diagnostics.at(-1)?.message).toMatch(/^\d+ more problem\(s\) not shown/);
  });

  test('deeply nested JSON is an error, not a stack overflow', () => {
    const result = parseCustomSchema(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['RB-SCHEMA-009']);
  });

  test('the source option is copied into diagnostics', () => {
    const result = parseCustomSchema('T(a:nope)', { source: 'custom tables' });
    expect(result.diagnostics[0]?.source).toBe('custom tables');
  });

  test('empty and comment-only input reads as nothing, quietly', () => {
    for (const text of ['', '   \n\t\n', '// just a note\n// another one']) {
      expect(parseCustomSchema(text)).toEqual({ tables: [], diagnostics: [] });
    }
  });

  test('never throws, and every positioned diagnostic is inside the text', () => {
    // A small deterministic generator: we want the same inputs on every run.
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pieces = ['T', '_CL', '(', ')', ':', ',', ' ', '\n', '\t', 'string', 'int', '[', ']', "'", '"', '{', '}', '\\', '.create', 'table', '//', '0', 'System.String', '__proto__', 'é', '\r\n', 'with', '=', ';'];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + random(30) }, () => pieces[random(pieces.length)]).join('');
      const result = parseCustomSchema(text);
      for (const d of result.diagnostics) {
        if (!d.span) continue;
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      for (const table of result.tables) expect(table.columns.length).toBeGreaterThan(0);
    }
  });
});

describe('format detection', () => {
  test.each([
    ['{"Name":"T"}', 'json'],
    ['  [ {"name":"T"} ]', 'json'],
    ["['My Table'](a:int)", 'declarations'],
    ['// comment (with parentheses)\nT(a:int)', 'declarations'],
    ['.create table T', 'declarations'],
    ['T\nA\t0\tSystem.String\tstring', 'getschema'],
    ['// T_CL\nA 0 System.String string', 'getschema'],
    ['\n  \n', undefined],
  ])('%j is %s', (text, format) => {
    expect(detectSchemaFormat(text)).toBe(format);
  });
});
