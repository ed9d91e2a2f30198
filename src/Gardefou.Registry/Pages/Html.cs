using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Registry.Pages;

/// <summary>Server-rendered HTML for the pages that must work without JavaScript (low-bandwidth, admin).</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static IResult Page(string title, string body, string lang = "en", int status = 200)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"").Append(E(lang)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<title>").Append(E(title)).Append("</title>")
            .Append("<style>body{font:16px/1.45 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:.75rem;color:#111}")
            .Append("a{color:#0645ad}li{margin:.5rem 0}.stale{font-style:italic}label{display:block;margin:.4rem 0}")
            .Append("input,button,select{font:inherit;padding:.3rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .4rem}</style>")
            .Append("</head><body>").Append(body).Append("</body></html>")
            .ToString();
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
