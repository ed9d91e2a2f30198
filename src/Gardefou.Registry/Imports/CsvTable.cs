using System.Text;

namespace Gardefou.Registry.Imports;

/// <summary>
/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Each record keeps the line it started on so that a bad
/// row is reported where a person will find it.
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(string[] header, List<(int Line, string[] Fields)> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<(int Line, string[] Fields)> Rows { get; }

    public int Column(string name) => Array.FindIndex(Header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses RFC 4180 CSV with a header line; the error names the line at fault.</summary>
    public static Outcome<CsvTable, string> Parse(string text)
    {
        var records = new List<(int Line, string[] Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        records.Add((recordLine, [.. fields]));
                    }
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            return Outcome.Fail($"line {recordLine}: a quoted field is never closed");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, [.. fields]));
        }
        if (records.Count == 0)
        {
            return Outcome.Fail("the file is empty: a header line is required");
        }
        return new CsvTable([.. records[0].Fields.Select(h => h.Trim())], records.Skip(1).ToList());
    }
}
