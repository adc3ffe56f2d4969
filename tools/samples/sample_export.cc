// vnplan-sample-export: flattens a sample plan written in the generator's
// Markdown subset into a text export of the kind found in the archives
// (tables as tab-separated rows, like ../shared/seeds/000), in one of three
// forms: clean Unicode, TCVN3 bytes (legacy .VnTime export), with the
// diacritics stripped, or as a Word .docx typed in the .VnTime font (the
// table a Word table). Used by tools/make_samples.sh.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "samples/docx_writer.h"
#include "synth/markdown_doc.h"
#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace {

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

std::string Flatten(const vnplan::synth::Document& doc) {
  std::string out;
  for (const auto& block : doc.blocks) {
    switch (block.kind) {
      case vnplan::synth::BlockKind::kPageBreak:
        continue;
      case vnplan::synth::BlockKind::kTable:
        for (const auto& row : block.table.rows) {
          for (int c = 0; c < block.table.columns; ++c) {
            if (c > 0) out += '\t';
            if (c < static_cast<int>(row.cells.size())) {
              out += OneLine(vnplan::synth::PlainText(row.cells[c]));
            }
          }
          out += '\n';
        }
        break;
      default:
        out += vnplan::synth::PlainText(block.text);
        out += '\n';
    }
    out += '\n';
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Flatten a sample plan (generator Markdown) into a text export"};
  std::string input, output, form = "unicode";
  app.add_option("input", input, "Markdown source")->required()->check(CLI::ExistingFile);
  app.add_option("-o,--output", output, "Output file")->required();
  app.add_option("--form", form,
                 "unicode, tcvn3, stripped, docx-vntime or odt-vntime (the .odt is what "
                 "LibreOffice turns into the legacy .doc sample)")
      ->check(CLI::IsMember({"unicode", "tcvn3", "stripped", "docx-vntime", "odt-vntime"}));
  CLI11_PARSE(app, argc, argv);

  std::ifstream in(input);
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = vnplan::synth::ParseMarkdown(ss.str());
  if (!doc) {
    std::fprintf(stderr, "%s\n", doc.error().message.c_str());
    return 3;
  }
  std::string text = Flatten(*doc);
  if (form == "docx-vntime") {
    auto body = vnplan::samples::WordBodyFromTsv(text, vnplan::samples::DocxFont::kVnTime);
    if (!body) {
      std::fprintf(stderr, "%s\n", body.error().message.c_str());
      return 4;
    }
    if (!vnplan::samples::WriteDocx(output, *body)) {
      std::fprintf(stderr, "cannot write %s\n", output.c_str());
      return 7;
    }
    return 0;
  }
  if (form == "odt-vntime") {
    auto body = vnplan::samples::OdfBodyFromTsv(text, vnplan::samples::DocxFont::kVnTime,
                                                /*spreadsheet=*/false);
    if (!body) {
      std::fprintf(stderr, "%s\n", body.error().message.c_str());
      return 4;
    }
    if (!vnplan::samples::WriteOdf(output, "application/vnd.oasis.opendocument.text", *body,
                                   vnplan::samples::OdfLegacyStyles())) {
      std::fprintf(stderr, "cannot write %s\n", output.c_str());
      return 7;
    }
    return 0;
  }
  if (form == "stripped") {
    text = vnplan::text::StripDiacritics(text);
  } else if (form == "tcvn3") {
    auto bytes = vnplan::text::Encode(text, vnplan::text::Encoding::kTcvn3);
    if (!bytes) {
      std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
      return 4;
    }
    text = *bytes;
  }
  std::ofstream(output, std::ios::binary) << text;
  return 0;
}
