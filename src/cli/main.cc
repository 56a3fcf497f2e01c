// linea: the command-line entry point. `linea --help` lists the commands.
#include <iostream>

#include "cli/cli_context.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"", "linea"};
  int exit_code = 0;
  linea::cli::RegisterCommands(app, &exit_code);
  auto known = [&app](const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == name) return true;
    }
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !known(argv[1])) {
    std::cerr << "linea: unknown command \"" << argv[1] << "\" (see linea --help)\n";
    return 2;
  }
  // "linea apply", "linea token create": what the audit log records for local writes.
  std::string command = argc > 1 ? std::string("linea ") + argv[1] : "linea";
  if (argc > 2 && argv[2][0] != '-') {
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() != argv[1]) continue;
      for (const CLI::App* subsub : sub->get_subcommands({})) {
        if (subsub->get_name() == argv[2]) command += std::string(" ") + argv[2];
      }
    }
  }
  linea::cli::SetCommandName(std::move(command));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "linea: " << e.what() << " (see linea --help)\n";
    return 2;
  }
  return exit_code;
}
