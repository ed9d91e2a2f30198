using System.Security.Cryptography;
using System.Text;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Tests.Storage;

/// <summary>Codes, tokens, keys and passwords are never stored in clear nor logged; client addresses neither.</summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly List<string> _secrets = [];

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = _server.Initialization.CreatedAdmin!;
        var key = await _server.CreateApiKeyAsync();
        var (code, longCode) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        var verified = await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, code));
        var token = verified.GetProperty("token").GetString()!;
        (await ApiCalls.CertificateAsync(_server.Client, token, ApiCalls.PublishedTekHmac())).EnsureSuccessStatusCode();
        using var portal = await PortalSession.SignInAsync(_server, admin.UserName, admin.Password);
        var (_, issuedPage) = await portal.SubmitAsync("/portal/issue", "/portal/issue", new() { ["testType"] = "confirmed", ["testDate"] = ApiCalls.Today, ["symptomDate"] = "" });
        var portalCode = PortalSession.TextOf(issuedPage, "issued-code")!;
        (await ApiCalls.VerifyAsync(_server.Client, "00000000")).Dispose();
        _secrets.AddRange([code, longCode, token, key.Key, admin.Password, portalCode, PortalSession.TextOf(issuedPage, "issued-long-code")!]);
        Assert.All(_secrets, s => Assert.True(s.Length >= 8));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_database_files_hold_no_code_token_api_key_or_password_in_clear()
    {
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
            var codes = await db.Codes.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, codes.Count);
            Assert.All(codes, c => Assert.Equal(32, c.ShortCodeHmac.Length));
            // Not a plain hash either: an 8-digit code's SHA-256 would fall to a dictionary of 10^8 entries.
            Assert.DoesNotContain(codes, c => c.ShortCodeHmac.AsSpan().SequenceEqual(SHA256.HashData(Encoding.ASCII.GetBytes(_secrets[0]))));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var directory = Path.GetDirectoryName(_server.Storage.SqlitePath)!;
        var files = Directory.GetFiles(directory, "verification.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var content = Encoding.Latin1.GetString(await ReadSharedAsync(file));
            foreach (var secret in _secrets)
            {
                Assert.DoesNotContain(secret, content, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, content, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void The_logs_hold_no_code_token_api_key_password_or_client_address()
    {
        var records = _server.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains("Certificate issued", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("Invalid, expired or used verification code", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var text = record.Message + " " + string.Join(' ', record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []) + " " + record.Exception;
            foreach (var secret in _secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
            // Clients connect from 127.0.0.2; the server's own 127.0.0.1 may appear (Host header, listening line).
            Assert.DoesNotContain(TestServer.ClientAddress.ToString(), text, StringComparison.Ordinal);
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, TestContext.Current.CancellationToken);
        return memory.ToArray();
    }
}
