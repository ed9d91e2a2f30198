using System.Globalization;

namespace Gardefou.Bench;

/// <summary>
/// The resident memory of this process as the kernel counts it (<c>/proc/self/status</c>), split between anonymous
/// pages (GC heap, JIT-compiled code, native allocations), mapped files (assemblies, native libraries) and shared
/// memory (the runtime maps its executable memory twice, through a memfd, for W^X).
/// </summary>
internal sealed record PhoneBenchMemory(double RssMb, double AnonMb, double FileMb, double ShmemMb)
{
    public static PhoneBenchMemory Read()
    {
        double rss = 0, anon = 0, file = 0, shmem = 0;
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is not [var name, var kb, "kB"])
                {
                    continue;
                }
                var mb = double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
                switch (name)
                {
                    case "VmRSS:": rss = mb; break;
                    case "RssAnon:": anon = mb; break;
                    case "RssFile:": file = mb; break;
                    case "RssShmem:": shmem = mb; break;
                    default: break;
                }
            }
        }
        return new PhoneBenchMemory(rss, anon, file, shmem);
    }
}
