using System.Globalization;
using System.Text;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Gardefou.Registry.Pages.Html;

namespace Gardefou.Registry.Pages;

internal static partial class PublicPages
{
    /// <summary>
    /// <c>/registry/lite</c>: plain HTML, no script, a few kilobytes, for old phones and slow links. It has to send the
    /// place to the server; the handler neither logs nor keeps it.
    /// </summary>
    private static void MapLite(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/registry/lite", Lite);

    private static IResult Lite(HttpContext context, RegistryState state, TimeProvider time, string? place, string? lang)
    {
        var fr = lang == "fr" || (lang is null && context.Request.Headers.AcceptLanguage.ToString().StartsWith("fr", StringComparison.OrdinalIgnoreCase));
        string L(string en, string french) => fr ? french : en;
        // The same parser and defaults as the API and the script's page; the form always sends a type, a bare link
        // may not, so the page falls back to tests.
        SearchRequest? request = null;
        SearchRefusal? refusal = null;
        if (!string.IsNullOrWhiteSpace(place))
        {
            _ = SearchRequestParser.Parse(context.Request.Query, FrenchGazetteer.Shared, ResourceCategory.Test).TryGetValue(out request, out refusal);
        }
        var category = request?.Query.Category ?? context.Request.Query["type"].ToString() switch { "mask" => ResourceCategory.Mask, "bed" => ResourceCategory.Bed, _ => ResourceCategory.Test };
        var radius = request?.Query.RadiusKm ?? SearchDefaults.RadiusKm;
        var body = new StringBuilder()
            .Append("<h1>").Append(L("Tests, masks, beds near you", "Tests, masques, lits près de chez vous")).Append("</h1>")
            .Append("<form method=get action=\"/registry/lite\"><label>").Append(L("Postcode or town", "Code postal ou commune"))
            .Append(" <input name=place required maxlength=100 value=\"").Append(E(place)).Append("\"></label><label>").Append(L("Looking for", "Je cherche"))
            .Append(" <select name=type>");
        foreach (var (value, en, french) in new[] { ("test", "Tests", "Tests"), ("mask", "Masks", "Masques"), ("bed", "Hospital beds", "Lits d'hôpital") })
        {
            body.Append($"<option value={value}{(value == category.ToString().ToLowerInvariant() ? " selected" : "")}>{L(en, french)}</option>");
        }
        body.Append("</select></label><label>").Append(L("Within", "À moins de")).Append(" <select name=radiusKm>");
        foreach (var km in SearchDefaults.RadiusChoicesKm)
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value={km}{(km == radius ? " selected" : "")}>{km} km</option>");
        }
        body.Append($"</select></label><input type=hidden name=lang value={(fr ? "fr" : "en")}><button>{L("Search", "Rechercher")}</button></form>")
            .Append($"<p><a href=\"/registry/lite?lang={(fr ? "en" : "fr")}\">{(fr ? "English" : "Français")}</a></p>");
        var status = 200;
        if (refusal is { UnknownPlace: true })
        {
            body.Append("<p role=alert>").Append(L("Place not found. Try a postcode.", "Lieu introuvable. Essayez un code postal.")).Append("</p>");
            status = 404;
        }
        else if (refusal is { Message: var error })
        {
            body.Append("<p role=alert>").Append(E(error)).Append("</p>");
            status = 400;
        }
        else if (request is { Query: { } query, Place: { } found })
        {
            var now = time.GetUtcNow();
            var hits = state.Index.Search(query, now, state.Freshness);
            var postcode = FrenchGazetteer.Shared.Resolve(place!)?.Postcodes.FirstOrDefault();
            body.Append($"<h2>{E(found.Name)} ({E(postcode)})</h2><ol>");
            foreach (var hit in hits)
            {
                var r = SearchMapper.ToResult(hit, now, state.Freshness);
                body.Append("<li><strong>").Append(E(r.Name)).Append("</strong>, ").Append(r.DistanceKm.ToString("0.0", CultureInfo.InvariantCulture)).Append(" km<br>")
                    .Append(E(r.Address)).Append("<br>").Append(Count(r, fr)).Append(Age(r, fr));
                if (r.Phone is { } phone)
                {
                    body.Append("<br><a href=\"tel:").Append(E(phone.Replace(" ", ""))).Append("\">").Append(E(phone)).Append("</a>");
                }
                body.Append("</li>");
            }
            body.Append("</ol>");
            if (hits.Count == 0)
            {
                var within = radius.ToString("0.#", CultureInfo.InvariantCulture);
                body.Append("<p>").Append(L($"Nothing within {within} km.", $"Rien à moins de {within} km.")).Append("</p>");
            }
        }
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page(L("Gardefou — low-bandwidth search", "Gardefou — recherche légère"), body.ToString(), fr ? "fr" : "en", status);
    }

    private static string Count(SearchResult r, bool fr) => r switch
    {
        { CheckedAt: null } => fr ? "pas de chiffre récent" : "no recent number",
        { Available: 0 } => fr ? "épuisé" : "none left",
        { Available: { } n } => fr ? $"{n} restant(s)" : $"{n} left",
        { Band: { } band } => band,
        _ => fr ? "pas de chiffre" : "no number",
    };

    private static string Age(SearchResult r, bool fr)
    {
        if (r.AgeSeconds is not { } seconds)
        {
            return "";
        }
        var age = seconds < 5400 ? $"{Math.Max(1, seconds / 60)} min" : seconds < 172800 ? $"{seconds / 3600} h" : $"{seconds / 86400} {(fr ? "jours" : "days")}";
        return r.Stale
            ? $" — <em class=stale>{(fr ? "non vérifié depuis" : "unverified for")} {age}</em>"
            : $" — {(fr ? "mis à jour il y a" : "updated")} {age}{(fr ? "" : " ago")}";
    }
}
