using System.Globalization;
using System.Text;
using CodeGoodly.Upload.Tests.Support;
using CsCheck;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Types;
using WireMock.Util;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>
/// Any date a server may write (<c>Y-m-d H:i:s</c>, years 1 to 9999), read in any server time zone: either the wall-clock time
/// the server wrote with that zone's offset, or, when the zone's arithmetic cannot place it on the timeline (year 1 east of
/// UTC, year 9999 west of it), an <see cref="UploadApiException"/> naming the field; never another exception.
/// </summary>
public sealed class DateZoneTests
{
    /// <summary>
    /// UTC; the two ends of the world's offsets; DST in London and New York; a quarter-hour zone; a half-hour DST shift; an
    /// offset with seconds (Monrovia, UTC-0:44:30 until 1972).
    /// </summary>
    private static readonly string[] ZoneIds =
    [
        "UTC", "Pacific/Kiritimati", "Etc/GMT-14", "Etc/GMT+12", "Europe/London", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe",
        "Africa/Monrovia",
    ];

    /// <summary>Dates anywhere, dates at the ends of the calendar, and dates on the days the DST zones above change their clocks.</summary>
    private static Gen<DateTime> Dates { get; } = Gen.OneOf(
        Gen.DateTime[new DateTime(1, 1, 1), new DateTime(9999, 12, 31, 23, 59, 59)],
        Gen.DateTime[new DateTime(1, 1, 1), new DateTime(1, 1, 2, 23, 59, 59)],
        Gen.DateTime[new DateTime(9999, 12, 30), new DateTime(9999, 12, 31, 23, 59, 59)],
        Gen.DateTime[new DateTime(1960, 1, 1), new DateTime(1973, 12, 31)],
        Gen.Select(Gen.Int[1970, 2040], Gen.Int[0, 3].Select(i => new[] { 3, 4, 10, 11 }[i]), Gen.Int[1, 31], Gen.Int[0, 23], Gen.Int[0, 59],
            (year, month, day, hour, minute) => new DateTime(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)), hour, minute, 0)))
        .Select(date => new DateTime(date.Ticks - (date.Ticks % TimeSpan.TicksPerSecond))); // the wire has whole seconds

    [Fact]
    public async Task GetInfoAsync_AnyDateInAnyServerZone_ReadsTheWallClockOrThrowsUnexpectedResponse()
    {
        using var api = new ApiServer().GivenAuthorize();
        string? uploadedDate = null;
        api.Server.Given(Request.Create().WithPath("/api/v2/file/info").UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(_ =>
            new ResponseMessage
            {
                StatusCode = 200,
                BodyData = new BodyData
                {
                    BodyAsBytes = Encoding.UTF8.GetBytes($$"""{"data":{"id":"1253","filename":"a.jpg","uploadedDate":"{{Volatile.Read(ref uploadedDate)}}"},"_status":"success"}"""),
                    DetectedBodyType = BodyType.Bytes,
                },
            }));
        TimeZoneInfo[] zones = ZoneIds.Select(TimeZoneInfo.FindSystemTimeZoneById).ToArray();
        UploadClient[] clients = zones.Select(zone => api.CreateClient(o => o.ServerTimeZone = zone)).ToArray();
        int placed = 0;
        int refused = 0;
        try
        {
            await Gen.Select(Gen.Int[0, zones.Length - 1], Dates, Gen.Bool).SampleAsync(async sample =>
            {
                (int zoneIndex, DateTime local, bool dateOnly) = sample;
                TimeZoneInfo zone = zones[zoneIndex];
                if (dateOnly)
                {
                    local = local.Date;
                }

                string written = local.ToString(dateOnly ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                Volatile.Write(ref uploadedDate, written);
                // DateTimeOffset holds whole minutes: an old offset with seconds (Monrovia's -0:44:30) is rounded to the nearest one.
                TimeSpan offset = TimeSpan.FromMinutes(Math.Round(zone.GetUtcOffset(local).TotalMinutes));
                long utcTicks = local.Ticks - offset.Ticks;
                bool onTheTimeline = utcTicks >= DateTime.MinValue.Ticks && utcTicks <= DateTime.MaxValue.Ticks;

                try
                {
                    FileDetails file = await clients[zoneIndex].Files.GetInfoAsync(new FileId(1253), TestContext.Current.CancellationToken);

                    Assert.True(onTheTimeline, $"{written} in {zone.Id} was read as {file.UploadedDate:O} though its instant is off the timeline");
                    Assert.Equal(local, file.UploadedDate?.DateTime);
                    Assert.Equal(offset, file.UploadedDate?.Offset);
                    Interlocked.Increment(ref placed);
                }
                catch (UploadApiException error)
                {
                    Assert.False(onTheTimeline, $"{written} in {zone.Id} ({offset}) is on the timeline but failed: {error.Message}");
                    Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
                    Assert.Contains("'uploadedDate'", error.Message, StringComparison.Ordinal);
                    Interlocked.Increment(ref refused);
                }
            }, iter: PropertyRuns.Iterations(400), threads: 1);
        }
        finally
        {
            foreach (UploadClient client in clients)
            {
                client.Dispose();
            }
        }

        Assert.True(placed > 0, "no date was read");
    }
}
