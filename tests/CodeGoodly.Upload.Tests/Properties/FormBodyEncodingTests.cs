using System.Text;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Session;
using CodeGoodly.Upload.Tests.Support;
using CsCheck;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>
/// A form is the request's own <see cref="HttpContent"/> (no Refit serialiser): its bytes are exactly what
/// <see cref="FormUrlEncodedContent"/> writes for the same fields, with the session's fields after them.
/// </summary>
public sealed class FormBodyEncodingTests
{
    private static readonly string[] Pieces = ["a", " ", "&", "=", "%", "+", "%20", "é", "中", "😀", "e\u0301", "\u202e", "*", "~", "'"];

    private static Gen<string> Values { get; } = Gen.Int[0, Pieces.Length - 1].Array[0, 8].Select(indexes => string.Concat(indexes.Select(i => Pieces[i])));

    private static readonly SessionToken Token = new("tok en+/=" + new string('T', 40), "42");

    [Fact]
    public void FolderCreateForm_AnyValues_SameBytesAsFormUrlEncodedContentThenTheSession()
    {
        Gen.Select(Values, Values.Null(), Values.Null()).Sample((name, parent, password) =>
        {
            using var form = new FolderCreateForm { FolderName = name, ParentId = parent, IsPublic = "1", AccessPassword = password };
            var expected = new List<KeyValuePair<string, string>> { new("folder_name", name) };
            if (parent is not null)
            {
                expected.Add(new("parent_id", parent));
            }

            expected.Add(new("is_public", "1"));
            if (password is not null)
            {
                expected.Add(new("access_password", password));
            }

            expected.Add(new("access_token", Token.AccessToken));
            expected.Add(new("account_id", Token.AccountId));

            Assert.Equal(Encoded(expected), Sent(form.WithSession(Token)));
        }, iter: PropertyRuns.Iterations(300));
    }

    [Fact]
    public void FormNamingItsOwnAccount_WithSession_KeepsItsAccountAndAddsOnlyTheToken()
    {
        using var form = new AccountIdForm { AccountId = "7" };

        Assert.Equal(Encoded([new("account_id", "7"), new("access_token", Token.AccessToken)]), Sent(form.WithSession(Token)));
    }

    [Fact]
    public void FormWithoutFields_WithSession_IsTheSessionFieldsAlone()
    {
        using var form = new NoFieldsForm();

        Assert.Equal(Encoded([new("access_token", Token.AccessToken), new("account_id", Token.AccountId)]), Sent(form.WithSession(Token)));
    }

    [Fact]
    public void Form_SentWithoutTheSession_IsItsOwnFieldsAlone()
    {
        using var form = new AuthorizeLoginForm { Username = "ann lee", Password = "p&ss=word" };

        Assert.Equal(Encoded([new("username", "ann lee"), new("password", "p&ss=word")]), Sent(form));
        Assert.Equal("application/x-www-form-urlencoded", form.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Form_AfterAReauthorization_IsANewBodyWithTheNewTokenAndItsOwnLength()
    {
        using var form = new FileIdForm { FileId = "1253" };
        var renewed = new SessionToken("renewed-and-longer-" + new string('R', 60), "42");

        HttpContent first = form.WithSession(Token);
        HttpContent second = form.WithSession(renewed);

        Assert.Same(form, first);
        Assert.NotSame(first, second);
        Assert.Equal(Encoded([new("file_id", "1253"), new("access_token", renewed.AccessToken), new("account_id", "42")]), Sent(second));
        Assert.Equal(Sent(second).Length, second.Headers.ContentLength);
        Assert.Equal(Encoded([new("file_id", "1253"), new("access_token", Token.AccessToken), new("account_id", "42")]), Sent(first));
    }

    private static string Encoded(List<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return Encoding.ASCII.GetString(content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult());
    }

    private static string Sent(HttpContent content)
    {
        using var stream = new MemoryStream();
        content.CopyTo(stream, null, TestContext.Current.CancellationToken);
        Assert.Equal(stream.Length, content.Headers.ContentLength);
        return Encoding.ASCII.GetString(stream.ToArray());
    }
}
