using System.Text;

namespace Gardefou.Registry.Gazetteer;

/// <summary>
/// Folds a place name for matching: lower case, accents removed, punctuation to spaces, "st"/"ste" to "saint"/"sainte".
/// Written by hand because the build runs with invariant globalization (no ICU normalization); the page does the same
/// in JavaScript with <c>normalize('NFD')</c>.
/// </summary>
internal static class PlaceNames
{
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            builder.Append(ch switch
            {
                'à' or 'â' or 'ä' or 'á' or 'ã' or 'å' => "a",
                'ç' => "c",
                'é' or 'è' or 'ê' or 'ë' => "e",
                'î' or 'ï' or 'í' or 'ì' => "i",
                'ô' or 'ö' or 'ó' or 'ò' or 'õ' => "o",
                'ù' or 'û' or 'ü' or 'ú' => "u",
                'ÿ' or 'ý' => "y",
                'ñ' => "n",
                'æ' => "ae",
                'œ' => "oe",
                _ when char.IsAsciiLetterOrDigit(ch) => ch.ToString(),
                _ => " ",
            });
        }
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w switch { "st" => "saint", "ste" => "sainte", _ => w });
        return string.Join(' ', words);
    }
}
