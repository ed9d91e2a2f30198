using System.Net;
using System.Text.Json;
using Gardefou.Registry.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Tests.Imports;

public sealed class ImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal const string TestSitesCsv =
        "id,name,kind,street,postcode,city,latitude,longitude,phone,booking_url,pcr,antigen,wheelchair,walk_in,drive_through,appointment_required,languages,hours,external_id\n" +
        "lab-1,\"Laboratoire Bellecour, Lyon\",test-centre,2 place Bellecour,69002,Lyon,45.7578,4.8320,+33 4 00 00 00 00,https://example.org/book,12,yes,yes,no,no,yes,fr en,\"FREQ=WEEKLY;BYDAY=MO,TU;OPENS=08:00;CLOSES=18:00\",finess:690000001\n" +
        "lab-2,Drive Gerland,test-centre,,69007,Lyon,,,,,yes,,no,yes,yes,no,fr,,\n" +
        "bad id!,Broken,test-centre,,69002,Lyon,45.7,4.8,,,yes,,no,no,no,no,,,\n" +
        "lab-3,No place,test-centre,,,Atlantis,,,,,yes,,no,no,no,no,,,\n" +
        "lab-4,Bad count,pharmacy,,69002,Lyon,45.7,4.8,,,-3,,no,no,no,no,,,\n" +
        "lab-5,Bad hours,pharmacy,,69002,Lyon,45.7,4.8,,,yes,,no,no,no,no,,FREQ=WEEKLY;BYDAY=XX;OPENS=08:00;CLOSES=18:00,\n" +
        "lab-6,Short row\n";

    [Fact]
    public async Task A_test_site_csv_imports_good_rows_and_reports_each_bad_one_with_its_line()
    {
        await using var server = await RegistryServer.StartAsync();
        using var admin = await AdminClient.SignInAsync(server);

        var report = await admin.ImportAsync("test-sites", ("sites.csv", TestSitesCsv));

        Assert.True(report.GetProperty("imported").GetInt32() == 2, report.ToString());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([4, 5, 6, 7, 8], errors.Select(e => e.Item1));
        Assert.Contains("id", errors[0].Item2);
        Assert.Contains("gazetteer", errors[1].Item2);
        Assert.Contains("pcr", errors[2].Item2);
        Assert.Contains("hours", errors[3].Item2);
        Assert.Contains("fields", errors[4].Item2);
        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.7578&lon=4.8320&type=test.pcr&radiusKm=10", Ct));
        var first = json.RootElement.GetProperty("results")[0];
        Assert.Equal("lab-1", first.GetProperty("siteId").GetString());
        Assert.Equal(12, first.GetProperty("available").GetInt32());
        Assert.Equal("import:test-sites", first.GetProperty("source").GetString());
        Assert.Equal("Laboratoire Bellecour, Lyon", first.GetProperty("name").GetString());
        Assert.True(server.State.Index.TryGet("lab-2", out var geocoded));
        Assert.InRange(geocoded.Info.Latitude, 45.6, 45.9); // placed through its postcode
    }

    [Fact]
    public async Task A_hospital_capacity_csv_keeps_suppressed_counts_as_bands_and_rejects_bad_rows()
    {
        await using var server = await RegistryServer.StartAsync();
        using var admin = await AdminClient.SignInAsync(server);
        const string csv =
            "hospital_pk,hospital_name,address,city,zip,collection_week,total_beds_7_day_avg,inpatient_beds_used_7_day_avg,total_icu_beds_7_day_avg,icu_beds_used_7_day_avg,geocoded_hospital_address\n" +
            "H1,Hôpital Édouard Herriot,5 place d'Arsonval,Lyon,69003,2026-11-23,850.4,700.1,60,-999999,POINT (4.8815 45.7423)\n" +
            "H2,Broken week,x,Lyon,69003,not-a-date,10,5,,,POINT (4.88 45.74)\n" +
            "H3,Used above total,x,Lyon,69003,2026-11-23,10,50,,,POINT (4.88 45.74)\n" +
            "H4,Bad point,x,Lyon,69003,2026-11-23,10,5,,,POINT (4.88)\n";

        var report = await admin.ImportAsync("hospital-capacity", ("hhs.csv", csv));

        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal([3, 4, 5], report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        var observations = await server.WithDbAsync(db => db.Observations.Where(o => o.SiteId == "hhs-H1").ToListAsync(Ct));
        var general = observations.Single(o => o.Resource == Gardefou.Registry.Model.ResourceType.Parse("bed.general").Code);
        var icu = observations.Single(o => o.Resource == Gardefou.Registry.Model.ResourceType.Parse("bed.icu").Code);
        Assert.Equal(150, general.Available);
        Assert.Equal(850, general.Total);
        Assert.Null(icu.Available);
        Assert.Equal(Gardefou.Registry.Model.AvailabilityBand.Many, icu.Band);
    }

    [Fact]
    public async Task A_smart_scheduling_links_manifest_imports_locations_and_counts_free_future_slots()
    {
        await using var server = await RegistryServer.StartAsync();
        using var admin = await AdminClient.SignInAsync(server);
        const string manifest = """{"transactionTime":"2026-11-30T09:55:00Z","request":"x","output":[{"type":"Location","url":"https://p.example/locations.ndjson"},{"type":"Schedule","url":"https://p.example/schedules.ndjson"},{"type":"Slot","url":"https://p.example/slots.ndjson"}],"error":[]}""";
        const string locations =
            """{"resourceType":"Location","id":"loc1","name":"Centre Part-Dieu","address":{"line":["17 rue du Docteur Bouchut"],"city":"Lyon","postalCode":"69003"},"position":{"latitude":45.761,"longitude":4.857}}""" + "\n" +
            """{"resourceType":"Location","id":"loc2"}""" + "\n" +
            "{not json\n";
        const string schedules = """{"resourceType":"Schedule","id":"sch1","actor":[{"reference":"Location/loc1"}]}""" + "\n" +
            """{"resourceType":"Schedule","id":"sch2","actor":[{"reference":"Location/nowhere"}]}""" + "\n";
        const string slots =
            """{"resourceType":"Slot","id":"a","schedule":{"reference":"Schedule/sch1"},"status":"free","start":"2026-11-30T11:00:00Z","end":"2026-11-30T11:15:00Z","extension":[{"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity","valueInteger":4}]}""" + "\n" +
            """{"resourceType":"Slot","id":"b","schedule":{"reference":"Schedule/sch1"},"status":"free","start":"2026-11-30T11:15:00Z","end":"2026-11-30T11:30:00Z"}""" + "\n" +
            """{"resourceType":"Slot","id":"c","schedule":{"reference":"Schedule/sch1"},"status":"busy","start":"2026-11-30T11:30:00Z","end":"2026-11-30T11:45:00Z"}""" + "\n" +
            """{"resourceType":"Slot","id":"d","schedule":{"reference":"Schedule/sch1"},"status":"free","start":"2026-11-29T08:00:00Z","end":"2026-11-29T08:15:00Z"}""" + "\n" +
            """{"resourceType":"Slot","id":"e","schedule":{"reference":"Schedule/sch1"},"status":"maybe","end":"2026-11-30T12:00:00Z"}""" + "\n";

        var report = await admin.ImportAsync("smart", ("$bulk-publish", manifest), ("locations.ndjson", locations), ("schedules.ndjson", schedules), ("slots.ndjson", slots));

        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("file").GetString()}:{e.GetProperty("line").GetInt32()}").ToList();
        Assert.Equal(["locations.ndjson:2", "locations.ndjson:3", "schedules.ndjson:2", "slots.ndjson:5"], errors);
        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.761&lon=4.857&type=test", Ct));
        var result = json.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.Equal("smart-loc1", result.GetProperty("siteId").GetString());
        Assert.Equal(5, result.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Imports_need_a_signed_in_administrator()
    {
        await using var server = await RegistryServer.StartAsync();
        using var content = new MultipartFormDataContent { { new StringContent(TestSitesCsv), "file", "sites.csv" } };
        using var response = await server.Client.PostAsync("/registry/admin/import/test-sites", content, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, server.State.Index.Count);
    }
}
