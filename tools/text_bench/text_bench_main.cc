// vnplan-text-bench: measures encoding auto-detection. Reads corpus
// paragraphs (xz, one per line) from the shared corpus, encodes each into
// every legacy encoding, as bytes and as the text a Windows-1252 viewer
// shows, adds non-Vietnamese negatives (English, French, Spanish, German
// lines, binary blobs), runs text::Repair on each paragraph alone, and
// prints per-encoding detection accuracy, exact-restoration rate, the
// confusion table and throughput (MB/s of input) per paragraph and per
// whole document.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/utf8.h"
#include "text/encoding_repair.h"
#include "text/legacy_encoding.h"
#include "text/vietnamese.h"

namespace {

using vnplan::text::Encoding;
using Clock = std::chrono::steady_clock;

// Lines written for this benchmark: text that must be left alone.
const char* const kNegatives[] = {
    "The school improvement plan sets out goals, resources and a timeline.",
    "Teachers will attend two workshops on assessment during the first term.",
    "Please send the signed report to the district office before Friday.",
    "All students are expected to complete the reading list by December.",
    "Our budget for the new library includes books, shelves and computers.",
    "The committee reviewed the results and approved the proposal unanimously.",
    "Le plan d'amélioration de l'école prévoit une formation des enseignants.",
    "Un café crème et une tarte aux pommes, s'il vous plaît, madame.",
    "Les élèves ont participé à une réunion très intéressante à Paris.",
    "C'était une idée naïve, mais le résultat a été déjà très encourageant.",
    "Il faut améliorer la qualité de l'éducation dans toutes les écoles.",
    "Buenos días, señor director, ¿cómo está usted esta mañana?",
    "El plan de mejora escolar incluye formación para los profesores.",
    "La niña pequeña quiere aprender español y matemáticas este año.",
    "Los estudiantes participarán en una competición de ciencias en junio.",
    "Mañana habrá una reunión con los padres de familia a las ocho.",
    "Die Schule plant für das nächste Jahr größere Klassenräume und Übungen.",
    "Der Lehrer erklärt den Schülern die Aufgaben für die Prüfung.",
    "O plano de melhoria da escola prevê formação para os professores.",
    "A educação é a base para o desenvolvimento de uma nação inteira.",
};

std::string ReadCommand(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::vector<std::string> Paragraphs(const std::string& corpus_dir, size_t bytes_per_file,
                                    size_t skip_lines, size_t max_total) {
  std::vector<std::string> paragraphs;
  const char* files[] = {"admin_khanhng29", "phapdien_diepxuan", "vlc_legal",
                         "unc_dantri", "baomoi_news"};
  const size_t per_file = max_total / 5 + 1;
  for (const char* f : files) {
    const std::string cmd = "xz -dc '" + corpus_dir + "/" + f + ".txt.xz' 2>/dev/null | tail -n +" +
                            std::to_string(skip_lines + 1) + " | head -c " +
                            std::to_string(bytes_per_file);
    const std::string text = ReadCommand(cmd);
    size_t start = 0, taken = 0;
    while (start < text.size() && taken < per_file) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) break;  // drop the cut last line
      std::string line = text.substr(start, end - start);
      start = end + 1;
      if (line.size() < 40 || line.size() > 2000) continue;
      if (!vnplan::IsValidUtf8(line)) continue;
      paragraphs.push_back(vnplan::text::ToNfc(line));
      ++taken;
    }
  }
  return paragraphs;
}

struct Sample {
  std::string label;    // expected detection: encoding name or "none"
  std::string form;     // "bytes", "viewed", "text"
  std::string input;
  std::string want;     // expected output text
};

// The encoding of the block with most words, or "none".
std::string Detected(const vnplan::text::RepairResult& r) {
  if (!r.any_vietnamese) return "none";
  size_t best = 0;
  std::string label = "none";
  for (const auto& b : r.blocks) {
    if (b.status == vnplan::text::BlockStatus::kVietnamese && b.words >= best) {
      best = b.words;
      label = vnplan::text::EncodingName(b.encoding);
    }
  }
  return label;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vnplan-text-bench: encoding detection accuracy and throughput"};
  std::string corpus_dir = VNPLAN_DEFAULT_CORPUS_DIR;
  size_t bytes_per_file = 600000;
  size_t skip_lines = 20000;
  size_t paragraphs_total = 1000;
  int show_errors = 0;
  app.add_option("--corpus", corpus_dir, "Directory of *.txt.xz corpus files");
  app.add_option("--bytes-per-file", bytes_per_file, "Bytes read from each corpus file");
  app.add_option("--skip-lines", skip_lines, "Lines skipped at the start of each file (held out)");
  app.add_option("--paragraphs", paragraphs_total, "Paragraphs per encoding (all files)");
  app.add_option("--show-errors", show_errors, "Print this many misdetected samples");
  CLI11_PARSE(app, argc, argv);

  const std::vector<std::string> paragraphs =
      Paragraphs(corpus_dir, bytes_per_file, skip_lines, paragraphs_total);
  if (paragraphs.empty()) {
    std::fprintf(stderr, "no paragraphs read from %s\n", corpus_dir.c_str());
    return 5;
  }

  std::vector<Sample> samples;
  size_t skipped = 0;
  for (const std::string& p : paragraphs) {
    samples.push_back({"utf8", "text", p, p});
    for (Encoding e : vnplan::text::AllEncodings()) {
      if (e == Encoding::kUtf8) continue;
      auto enc = vnplan::text::Encode(p, e);
      if (!enc) {
        ++skipped;  // a character the encoding cannot hold
        continue;
      }
      const std::string name = vnplan::text::EncodingName(e);
      const bool text_form = e == Encoding::kViqr || e == Encoding::kMojibake ||
                             e == Encoding::kMojibake2;
      samples.push_back({name, text_form ? "text" : "bytes", *enc, p});
      if (!text_form) {
        samples.push_back({name, "viewed", vnplan::text::BytesAsCp1252(*enc), p});
      }
    }
  }
  std::mt19937 rng(42);
  for (const char* n : kNegatives) {
    samples.push_back({"none", "text", n, n});
    // The same line as Windows-1252 bytes.
    const std::u32string u = vnplan::Utf8ToU32(n);
    std::string bytes;
    bool ok = true;
    for (char32_t c : u) {
      const int b = vnplan::text::Cp1252ByteOf(c);
      if (b < 0) ok = false;
      bytes.push_back(static_cast<char>(b));
    }
    if (ok) samples.push_back({"none", "bytes", bytes, bytes});
  }
  for (int i = 0; i < 20; ++i) {
    std::string bin(4096, '\0');
    for (char& c : bin) c = static_cast<char>(rng() & 0xFF);
    samples.push_back({"none", "binary", bin, bin});
  }

  // Per-paragraph detection.
  struct Tally {
    size_t n = 0, detected = 0, exact = 0, bytes = 0;
    double seconds = 0;  // wall clock
    double cpu = 0;      // process CPU time (the machine may be shared)
  };
  std::map<std::string, Tally> by_label;
  std::map<std::string, std::map<std::string, size_t>> confusion;
  Tally total;
  for (const Sample& s : samples) {
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    const vnplan::text::RepairResult r = vnplan::text::Repair(s.input);
    const double dc = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    const std::string got = Detected(r);
    const std::string key = s.label + "/" + s.form;
    Tally& t = by_label[key];
    ++t.n;
    t.bytes += s.input.size();
    t.seconds += dt;
    t.cpu += dc;
    if (got == s.label) ++t.detected;
    if (r.text == s.want) ++t.exact;
    ++confusion[s.label][got];
    if (got != s.label && show_errors > 0) {
      --show_errors;
      std::printf("MISS %s/%s -> %s\n  want: %s\n  got:  %s\n%s", s.label.c_str(),
                  s.form.c_str(), got.c_str(), s.want.c_str(), r.text.c_str(),
                  vnplan::text::FormatReport(r).c_str());
    }
    ++total.n;
    total.bytes += s.input.size();
    total.seconds += dt;
    total.cpu += dc;
    if (got == s.label) ++total.detected;
    if (r.text == s.want) ++total.exact;
  }

  std::printf("paragraphs: %zu (skipped %zu unencodable), samples: %zu\n\n",
              paragraphs.size(), skipped, samples.size());
  std::printf("%-18s %7s %9s %9s %9s %9s\n", "label/form", "n", "detected", "restored",
              "MB/s wall", "MB/s cpu");
  auto row = [](const char* key, const Tally& t) {
    std::printf("%-18s %7zu %8.2f%% %8.2f%% %9.1f %9.1f\n", key, t.n,
                100.0 * t.detected / t.n, 100.0 * t.exact / t.n,
                t.bytes / 1e6 / std::max(1e-9, t.seconds),
                t.bytes / 1e6 / std::max(1e-9, t.cpu));
  };
  for (const auto& [key, t] : by_label) row(key.c_str(), t);
  row("ALL", total);

  std::printf("\nconfusion (rows: truth, columns: detected; non-zero off-diagonal only)\n");
  for (const auto& [truth, row] : confusion) {
    for (const auto& [got, n] : row) {
      if (got != truth) std::printf("  %-10s -> %-10s %zu\n", truth.c_str(), got.c_str(), n);
    }
  }

  // Whole documents: every paragraph of one encoding in one input.
  std::printf("\ndocument throughput (all paragraphs in one input)\n");
  for (Encoding e : vnplan::text::AllEncodings()) {
    std::string doc, want;
    for (const std::string& p : paragraphs) {
      auto enc = vnplan::text::Encode(p, e);
      if (!enc) continue;
      doc += *enc + "\n";
      want += p + "\n";
    }
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    const vnplan::text::RepairResult r = vnplan::text::Repair(doc);
    const double dc = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    size_t lines = 0, wrong = 0;
    {
      size_t a = 0, b = 0;
      while (a < r.text.size() || b < want.size()) {
        size_t ea = r.text.find('\n', a), eb = want.find('\n', b);
        if (ea == std::string::npos) ea = r.text.size();
        if (eb == std::string::npos) eb = want.size();
        ++lines;
        if (r.text.compare(a, ea - a, want, b, eb - b) != 0) ++wrong;
        a = ea + 1;
        b = eb + 1;
      }
    }
    std::printf("  %-10s %6.2f MB  %7.1f MB/s wall %7.1f MB/s cpu  lines restored %.2f%%\n",
                vnplan::text::EncodingName(e), doc.size() / 1e6, doc.size() / 1e6 / dt,
                doc.size() / 1e6 / std::max(1e-9, dc),
                100.0 * (lines - wrong) / std::max<size_t>(1, lines));
  }
  return 0;
}
