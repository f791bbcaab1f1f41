using System.Globalization;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>How many cases a property runs: small by default (the suite stays fast); set UPLOAD_PROPERTY_ITERATIONS for a long hunt.</summary>
internal static class PropertyRuns
{
    public static int Iterations(int byDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("UPLOAD_PROPERTY_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int set) && set > 0
            ? set
            : byDefault;
}
