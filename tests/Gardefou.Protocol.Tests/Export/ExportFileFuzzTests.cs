using System.IO.Compression;
using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Tests.Export;

/// <summary>
/// Seeded mutation of valid files: the reader either reads cleanly or throws <see cref="ExportFormatException"/>,
/// and a mutated file that still verifies carries exactly the signed <c>export.bin</c>.
/// </summary>
public sealed class ExportFileFuzzTests
{
    private const int Iterations = 4000;

    [Fact]
    public void Thousands_of_mutated_files_give_a_clean_read_or_a_format_error_only()
    {
        var random = new Random(20_200_410);
        using var signer = ExportFileWriterTests.NewP256();
        var valid = ExportFileReaderTests.ValidFile(12, signer);
        var (bin, sig) = Entries(valid);
        var clean = 0;
        var verified = 0;
        var rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var mutated = (i % 5) switch
            {
                4 => MutateZipHeaders(valid, random),
                0 => Mutate(valid, random),
                1 => ExportFileReaderTests.Zip(("export.bin", Mutate(bin, random), CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression)),
                2 => ExportFileReaderTests.Zip(("export.bin", bin, CompressionLevel.NoCompression), ("export.sig", Mutate(sig, random), CompressionLevel.NoCompression)),
                _ => Mutate(ExportFileReaderTests.Zip(("export.bin", bin, CompressionLevel.Optimal), ("export.sig", sig, CompressionLevel.Optimal)), random),
            };
            try
            {
                var contents = ExportFileReader.Read(mutated);
                clean++;
                // Whatever survives parsing, a signature check never throws, and it only passes on the signed bytes.
                if (ExportSignatureVerifier.Verify(contents, signer))
                {
                    verified++;
                    Assert.Equal(bin, contents.ExportBin.ToArray());
                }
            }
            catch (ExportFormatException)
            {
                rejected++;
            }
        }
        Assert.Equal(Iterations, clean + rejected);
        Assert.True(rejected > Iterations / 10, $"only {rejected} mutations were rejected");
        Assert.True(verified < clean, "some parsed mutations must fail verification");
    }

    // Zip-level mutations: edit the local file headers, central directory records and end record, where sizes,
    // offsets, compression methods, flags and names live.
    private static byte[] MutateZipHeaders(byte[] input, Random random)
    {
        var starts = new List<int>();
        for (var i = 0; i + 4 <= input.Length; i++)
        {
            if (input[i] == (byte)'P' && input[i + 1] == (byte)'K' && input[i + 2] is 1 or 3 or 5 && input[i + 3] is 2 or 4 or 6)
            {
                starts.Add(i);
            }
        }
        var output = (byte[])input.Clone();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = Math.Min(output.Length - 1, starts[random.Next(starts.Count)] + random.Next(4, 46));
            output[at] = random.Next(3) switch
            {
                0 => 0xFF,
                1 => 0x00,
                _ => (byte)random.Next(256),
            };
        }
        return output;
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var data = new List<byte>(input);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at); // truncation
                    break;
                case 3:
                    var insert = new byte[random.Next(1, 9)];
                    random.NextBytes(insert);
                    data.InsertRange(at, insert);
                    break;
                default:
                    data.RemoveRange(at, Math.Min(random.Next(1, 9), data.Count - at));
                    break;
            }
        }
        return [.. data];
    }

    private static (byte[] Bin, byte[] Sig) Entries(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        return (Read(zip, "export.bin"), Read(zip, "export.sig"));

        static byte[] Read(ZipArchive zip, string name)
        {
            using var s = zip.GetEntry(name)!.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }
    }
}
