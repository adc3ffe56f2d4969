// Diacritic and OCR-error restoration with the syllable n-gram LM. Input:
// UTF-8 text whose diacritics were stripped ("ke hoach cai tien") or
// garbled by an English OCR model ("gido duc", "dugc", "c6"). Output: the
// text with every syllable replaced by the most probable Vietnamese
// syllable (Viterbi search over candidate lattices), spacing, punctuation
// and letter case kept, and per-word confidences.
//
//   auto r = Restorer::Load();                       // models/lm/*
//   RestoreResult out = r->Restore("Ke hoach nam hoc", {});
//   out.text == "Kế hoạch năm học"
//
// Candidates per word: every LM syllable with the same skeleton (stripped,
// lower-cased, đ->d); in OCR mode also the syllables an OCR channel model
// maps to the observed string (see ocr_channel.h) and splits of merged
// tokens ("phaidap" -> "phải đáp", "hoc2023" -> "học 2023"; a word with
// no other reading into up to four syllables, "troconthap" -> "trợ còn
// thấp", when the LM finds the pieces likely).
#ifndef VNPLAN_LM_RESTORER_H_
#define VNPLAN_LM_RESTORER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/page.h"
#include "lm/ngram_model.h"
#include "lm/ocr_channel.h"
#include "lm/vie_channel.h"
#include "text/vietnamese.h"

namespace vnplan::lm {

enum class RestoreMode {
  kStripped,  // words without diacritics get them; words with diacritics
              // that are valid syllables are trusted and kept
  kOcr,       // every word may be wrong: skeleton + OCR-channel candidates,
              // one-edit neighbours, merged-token splitting; a valid word
              // with diacritics keeps a prior for itself
  kAuto,      // per paragraph (blank-line separated): a light kOcr pass
              // (only_low_confidence) if >= 50% of its words carry
              // diacritics and <= 15% are invalid syllables (normal text);
              // kStripped if < 10% carry diacritics and < 8% look garbled
              // (no syllable has their skeleton, or glued to a digit);
              // kOcr otherwise
  kOcrVie,    // light pass for text OCR'd by Tesseract `vie` (table cells):
              // kOcr with only_low_confidence forced on and, when
              // models/lm/vie_channel.tsv is loaded, valid syllables
              // re-scored with the vie channel (see vie_channel below)
};

struct RestoreOptions {
  RestoreMode mode = RestoreMode::kAuto;  // see RestoreMode
  text::ToneStyle tone_style = text::ToneStyle::kNew;  // output placement
  // Light pass for already-good text (the pipeline on `vie` OCR output):
  // only words that are not valid syllables, or whose confidence is below
  // `min_confidence`, may change; false = every word may change.
  bool only_low_confidence = false;
  float min_confidence = 0.5f;  // 0..1, used by only_low_confidence
  int beam = 6;                 // hypotheses kept per position
  // Hypotheses more than this (log10) behind the best of their position
  // are not extended (4: same accuracy as none on the evaluation sets,
  // about 30 % faster).
  float beam_threshold = 4.0f;
  bool split_merged = true;     // OCR mode: try splitting merged words
  // Per-word confidences (about a tenth of the decoding time: they reuse
  // the search's scores and skip hopeless candidates). When
  // false, RestoredToken::confidence is 1; a light pass computes them
  // anyway since it decides with them.
  bool compute_confidence = true;
  // Light passes over `vie` OCR (RestorePage, kOcrVie), when
  // models/lm/vie_channel.tsv is loaded: valid lower-, title- or upper-case
  // syllables may become another LM syllable with the same skeleton
  // ("Tố chức" -> "Tổ chức", "hải phòng" -> "hai phòng"), scored
  // LM + lambda * log10 P(observed | candidate) (VieChannel), with lambda =
  // vie_lambda * (0.4 + 0.6 * OCR confidence / 100) (confidence 100 when
  // unknown, e.g. kOcrVie on plain text). A change must beat the observed
  // word by vie_margin (log10) and the observed word's posterior must fall
  // below min_confidence. A valid syllable in lower case with capitals after
  // its first letter ("đƯỢC") is Tesseract's case garble and comes out in
  // lower case. Never changed: other mixed-case words, title-case
  // words inside a sentence unless the LM and the case prior agree
  // (vie_title_weight), and invalid words without any diacritic
  // ("League", "km") unless their OCR confidence is below 60.
  // Without the channel file (or with vie_channel = false) the old light
  // pass applies unchanged. Default true.
  bool vie_channel = true;
  // Case prior (models/lm/case_prior.tsv, when loaded): a lower- or
  // title-case word after another word of its sentence adds case_weight *
  // log10 P(that case | candidate) to each candidate's score, learned from
  // the corpus ("Sở" and "Hương" are often title case there, "số" and
  // "hưởng" almost never). Stripped and eng-OCR passes only (not light
  // passes). 0 turns it off. Default 0.5 (1 and title case only were
  // tried: see tools/lm/README.md).
  float case_weight = 0.5f;
  // Light passes over `vie` OCR with the vie channel: wrong LETTERS that
  // still spell a valid syllable ("nhề nước" -> "nhà nước", "chủ hiếm" ->
  // "chủ nhiệm", "chất hướng" -> "chất lượng", "Náu học" -> "Năm học").
  // A valid lower-case (or sentence-initial title-case) syllable of two or
  // more letters that the LM finds unlikely between its observed
  // neighbours gets the LM syllables whose skeleton is one letter away
  // (substituted, inserted or deleted) as candidates, each paying a letter
  // edit (log10 -3) plus the vie channel's tone and mark terms; only those
  // beating the observed word between the same neighbours by the edit cost
  // plus vie_margin enter the search. Default true.
  bool vie_letter_edits = true;
  float vie_lambda = 0.5f;  // channel weight at OCR confidence 100 (0.5)
  float vie_margin = 0.5f;  // log10 margin a change needs (0.5)
  // The OCR confidence (0..100) of every word of a text restored with
  // Restore(), which carries none per word: e.g. a table cell's mean word
  // confidence. 100: the words are trusted as OCR output can be.
  float text_confidence = 100.0f;
  // Light passes over `vie` OCR with the vie channel and the case prior: a
  // title-case syllable inside a sentence that is not case garble (a name,
  // or a word of an institution's name: "Phong Giáo dục" = Phòng) gets its
  // same-skeleton siblings too, every reading (itself included) adding
  // vie_title_weight * log10 P(title case | reading). 0 keeps such words
  // as written (the behaviour before session 12).
  float vie_title_weight = 1.0f;
};

// One word of the input (spaces, numbers and punctuation are not listed).
struct RestoredToken {
  size_t offset = 0;        // byte offset of `original` in the input
  std::string original;     // as in the input
  std::string restored;     // as in the output (may contain a space if a
                            // merged word was split)
  float confidence = 1.0f;  // 0..1: posterior of `restored` among the
                            // candidates, neighbours fixed
  bool changed = false;     // restored != original
};

struct RestoreResult {
  std::string text;
  std::vector<RestoredToken> tokens;
  size_t changed = 0;  // number of changed words
};

class Restorer {
 public:
  // Loads models/lm/vi.lm (and lm/ocr_channel.tsv, lm/acronyms.tsv,
  // lm/vie_channel.tsv, lm/case_prior.tsv if present) from
  // `models_dir`, or from FindModelsDir() when empty. kModelMissing if the
  // LM is absent or malformed.
  static Result<Restorer> Load(const std::string& models_dir = "");
  // Loads an explicit LM file; `channel_path` may be empty (built-in
  // defaults for the OCR channel).
  static Result<Restorer> LoadFiles(const std::string& lm_path,
                                    const std::string& channel_path);

  Restorer(Restorer&&) noexcept;
  Restorer& operator=(Restorer&&) noexcept;
  ~Restorer();

  // Thread-safe (const, no shared mutable state).
  RestoreResult Restore(std::string_view text,
                        const RestoreOptions& options = {}) const;

  // The pipeline's light pass over an OCR'd page (e.g. Tesseract `vie`
  // output): each block's words are joined (lines by '\n'), restored with
  // `options` and only_low_confidence forced on, i.e. a valid syllable
  // changes only if the LM's posterior for it is below min_confidence
  // (with a weaker prior for words whose Word::confidence < 60), invalid
  // syllables are always corrected. With the vie channel loaded (and
  // options.vie_channel), valid syllables are scored with it instead, its
  // weight scaled by Word::confidence (lower confidence: the channel's
  // preference for the observed diacritics counts less); see
  // RestoreOptions::vie_channel. Changed Word::text values are written
  // back (boxes untouched). Returns the number of words changed.
  int RestorePage(Page* page, const RestoreOptions& options = {}) const;

  const NgramModel& model() const { return model_; }

  // Adds acronym restorations from a TSV file "stripped<TAB>original"
  // (e.g. "GDDT\tGDĐT"), used for words that are not syllables. Load()
  // reads models/lm/acronyms.tsv when present.
  Status LoadAcronyms(const std::string& path);
  // Loads the `vie` OCR diacritic channel (vie_channel.h); Load() reads
  // models/lm/vie_channel.tsv when present. Without it light passes keep
  // the behaviour they had before the channel existed.
  Status LoadVieChannel(const std::string& path);
  // Loads the case prior (RestoreOptions::case_weight): TSV lines
  // "syllable<TAB>lower<TAB>title" of mid-sentence counts ('#' comments),
  // as vnplan-lm-train --case-out writes them. Load() reads
  // models/lm/case_prior.tsv when present. kModelMissing if unreadable or
  // malformed.
  Status LoadCasePrior(const std::string& path);
  bool has_case_prior() const { return !title_logp_.empty(); }
  bool has_vie_channel() const { return vie_channel_ != nullptr; }

 private:
  struct Impl;
  Restorer(NgramModel model, OcrChannel channel);
  NgramModel model_;
  OcrChannel channel_;
  // skeleton -> LM ids of syllables with that skeleton.
  std::unordered_map<std::string, std::vector<WordId>> by_skeleton_;
  std::vector<std::string> skeleton_of_;  // by WordId ("" for classes)
  // Letter edits (RestoreOptions::vie_letter_edits): skeleton -> LM ids
  // (not too rare) of the by_skeleton_ syllables one letter away; by
  // WordId, the diacritic features the vie channel scores.
  std::unordered_map<std::string, std::vector<WordId>> letter_neighbours_;
  std::vector<uint16_t> diacritics_;
  std::unordered_map<std::string, std::string> acronyms_;
  std::unique_ptr<VieChannel> vie_channel_;
  // By WordId: log10 P(title case | word), log10 P(lower case | word) in
  // mid-sentence position; empty without a case prior.
  std::vector<float> title_logp_, lower_logp_;
};

// Canonical file names inside the models directory.
inline constexpr const char* kLmFile = "lm/vi.lm";
inline constexpr const char* kChannelFile = "lm/ocr_channel.tsv";
inline constexpr const char* kAcronymFile = "lm/acronyms.tsv";
inline constexpr const char* kCasePriorFile = "lm/case_prior.tsv";

}  // namespace vnplan::lm

#endif  // VNPLAN_LM_RESTORER_H_
