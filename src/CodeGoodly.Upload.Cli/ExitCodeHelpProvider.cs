using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace CodeGoodly.Upload.Cli;

/// <summary>Spectre's help, with what every run needs to know underneath: remote places, credentials and exit codes.</summary>
internal sealed class ExitCodeHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (IRenderable renderable in base.GetFooter(model, command))
        {
            yield return renderable;
        }

        yield return new Markup(
            Environment.NewLine + "[yellow]REMOTE PLACES:[/]" + Environment.NewLine
            + "    /backups/2026   a path, resolved through listings; / is the root" + Environment.NewLine
            + "    id:1253         an id; file:1253 or folder:125 when an id is both" + Environment.NewLine
            + "    A path that two items answer to is an error that lists both ids." + Environment.NewLine
            + Environment.NewLine + "[yellow]CREDENTIALS:[/]" + Environment.NewLine
            + "    CODEGOODLY_UPLOAD_BASEADDRESS, _KEY1, _KEY2 (or _USERNAME, _PASSWORD)" + Environment.NewLine
            + "    and _ALLOWINSECUREHTTP; else the profile saved by `cgupload login`" + Environment.NewLine
            + "    (CODEGOODLY_UPLOAD_PROFILE: its path). --fake: the embedded fake." + Environment.NewLine
            + Environment.NewLine + "[yellow]EXIT CODES:[/]" + Environment.NewLine);
        var codes = new Grid().AddColumn(new GridColumn().PadLeft(4).PadRight(2).NoWrap()).AddColumn();
        foreach ((int code, string meaning) in ExitCodes.All)
        {
            codes.AddRow(new Text(code.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(meaning));
        }

        yield return codes;
    }
}
