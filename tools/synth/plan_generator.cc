#include "synth/plan_generator.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include "common/utf8.h"

namespace vnplan::synth {
namespace {

// All Vietnamese phrases below are data written for this generator in the
// style of school improvement plans; none is copied from a real document.

struct SchoolKind {
  const char* name;      // "TIỂU HỌC"
  const char* code;      // "TH"
  const char* circular;  // regulation number for this school level
  const char* learners;  // "học sinh" / "trẻ"
};
constexpr SchoolKind kKinds[] = {
    {"TIỂU HỌC", "TH", "17/2018/TT-BGDĐT", "học sinh"},
    {"TRUNG HỌC CƠ SỞ", "THCS", "18/2018/TT-BGDĐT", "học sinh"},
    {"MẦM NON", "MN", "19/2018/TT-BGDĐT", "trẻ"},
};

constexpr const char* kSchoolNames[] = {
    "Nguyễn Du",      "Lê Quý Đôn",   "Trần Quốc Toản", "Võ Thị Sáu",   "Kim Đồng",
    "Lý Tự Trọng",    "Chu Văn An",   "Phan Chu Trinh", "Nguyễn Trãi",  "Hoa Sen",
    "Hướng Dương",    "Họa Mi",       "Lê Lợi",         "Trưng Vương",  "Bình Minh",
    "Nguyễn Khuyến",  "Tô Hiến Thành", "Đoàn Thị Điểm", "Mạc Đĩnh Chi", "Sao Mai"};
constexpr const char* kDistricts[] = {
    "HUYỆN CỦ CHI", "HUYỆN BÌNH CHÁNH", "QUẬN GÒ VẤP", "QUẬN TÂN BÌNH", "HUYỆN NHÀ BÈ",
    "QUẬN HẢI CHÂU", "HUYỆN HÒA VANG", "QUẬN LONG BIÊN", "HUYỆN ĐÔNG ANH", "THÀNH PHỐ THỦ ĐỨC"};
constexpr const char* kPlaces[] = {"Củ Chi",    "Bình Chánh", "Gò Vấp",   "Tân Bình", "Nhà Bè",
                                   "Hải Châu",  "Hòa Vang",   "Long Biên", "Đông Anh", "Thủ Đức"};
constexpr const char* kSigners[] = {"Nguyễn Thị Thanh Hương", "Trần Văn Minh", "Lê Thị Mỹ Hạnh",
                                    "Phạm Quốc Bảo",          "Võ Thị Ngọc Lan", "Đặng Văn Hùng",
                                    "Huỳnh Thị Kim Dung",     "Bùi Đức Thắng"};

struct Standard {
  int number;
  const char* title;
  int criteria;  // criteria count at levels 1-3
};
constexpr Standard kStandards[] = {
    {1, "Tổ chức và quản lý nhà trường", 10},
    {2, "Cán bộ quản lý, giáo viên, nhân viên và học sinh", 4},
    {3, "Cơ sở vật chất và thiết bị dạy học", 6},
    {4, "Quan hệ giữa nhà trường, gia đình và xã hội", 2},
    {5, "Hoạt động giáo dục và kết quả giáo dục", 6},
};

// Per standard: expected results and actions ("{L}" = learners).
const std::vector<std::vector<const char*>> kExpected = {
    {"Hồ sơ quản lý của nhà trường được sắp xếp khoa học, cập nhật đầy đủ theo quy định.",
     "Các tổ chuyên môn xây dựng kế hoạch sát với thực tế, có đánh giá việc thực hiện theo từng tháng.",
     "Quy chế chi tiêu nội bộ được rà soát, công khai và thực hiện đúng quy định.",
     "Cán bộ, giáo viên nắm vững các phương án phòng chống cháy nổ và thiên tai.",
     "Tăng cường vai trò của Hội đồng trường trong việc giám sát các hoạt động của nhà trường.",
     "Thực hiện đầy đủ việc công khai chất lượng giáo dục trên cổng thông tin điện tử của trường."},
    {"100% giáo viên đạt chuẩn nghề nghiệp ở mức khá trở lên.",
     "Tỷ lệ giáo viên có trình độ trên chuẩn tăng so với năm học trước.",
     "Nhân viên kế toán, văn thư được bồi dưỡng nghiệp vụ định kỳ.",
     "Cán bộ quản lý hoàn thành chương trình bồi dưỡng theo kế hoạch của ngành.",
     "{L} được chăm sóc, giáo dục toàn diện, thực hiện tốt nội quy của nhà trường."},
    {"Khuôn viên trường xanh, sạch, đẹp, có sân chơi an toàn cho {L}.",
     "Bổ sung thiết bị dạy học tối thiểu còn thiếu ở các khối lớp.",
     "Phòng học bộ môn được sửa chữa, đáp ứng yêu cầu dạy học theo chương trình mới.",
     "Khu vệ sinh của {L} được cải tạo, bảo đảm sạch sẽ và đủ số lượng.",
     "Thư viện được bổ sung đầu sách, tổ chức hoạt động đọc thường xuyên."},
    {"Ban đại diện cha mẹ {L} phối hợp chặt chẽ với nhà trường trong các hoạt động giáo dục.",
     "Huy động được sự hỗ trợ của các tổ chức, cá nhân cho các hoạt động của trường.",
     "Thông tin giữa nhà trường và gia đình được trao đổi kịp thời qua nhiều kênh."},
    {"Tỷ lệ {L} hoàn thành chương trình đạt từ 98% trở lên.",
     "{L} được tham gia đầy đủ các hoạt động trải nghiệm, rèn luyện kỹ năng sống.",
     "Chất lượng giáo dục thể chất và thẩm mỹ được nâng lên rõ rệt.",
     "Giảm tỷ lệ {L} chưa đạt yêu cầu về đọc, viết so với năm học trước.",
     "Kế hoạch giáo dục nhà trường được điều chỉnh phù hợp với điều kiện địa phương."},
};
const std::vector<std::vector<const char*>> kActions = {
    {"Rà soát, bổ sung hồ sơ quản lý; phân công cán bộ phụ trách lưu trữ.",
     "Tổ chức họp định kỳ để đánh giá tiến độ thực hiện kế hoạch.",
     "Xây dựng lịch kiểm tra nội bộ, công khai kết quả kiểm tra.",
     "Tổ chức diễn tập phòng cháy, chữa cháy ít nhất một lần trong năm học.",
     "Cập nhật thông tin công khai lên trang thông tin điện tử của trường."},
    {"Cử giáo viên tham gia các lớp bồi dưỡng chuyên môn do Phòng tổ chức.",
     "Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học hằng tháng.",
     "Khuyến khích giáo viên tự học, nâng cao trình độ tin học và ngoại ngữ.",
     "Đánh giá, xếp loại giáo viên theo chuẩn nghề nghiệp cuối năm học."},
    {"Lập dự toán sửa chữa, trình cấp trên phê duyệt.",
     "Kiểm kê thiết bị đầu năm, đề xuất mua sắm bổ sung.",
     "Trồng thêm cây xanh, chăm sóc bồn hoa trong khuôn viên trường.",
     "Vận động xã hội hóa để cải tạo khu vui chơi.",
     "Phân công nhân viên thiết bị theo dõi, bảo quản đồ dùng dạy học."},
    {"Tổ chức họp cha mẹ {L} đầu năm và cuối mỗi học kỳ.",
     "Lập nhóm liên lạc trực tuyến giữa giáo viên chủ nhiệm và gia đình.",
     "Phối hợp với địa phương tổ chức các hoạt động ngoài giờ lên lớp."},
    {"Xây dựng kế hoạch phụ đạo {L} chưa hoàn thành nhiệm vụ học tập.",
     "Tổ chức các chuyên đề đổi mới phương pháp dạy học theo hướng phát triển năng lực.",
     "Tổ chức ngày hội đọc sách, hội thi văn nghệ, thể thao cho {L}.",
     "Theo dõi, đánh giá thường xuyên sự tiến bộ của từng {L}.",
     "Lồng ghép giáo dục kỹ năng sống vào các tiết sinh hoạt lớp."},
};
// Short topics for "Tiêu chí N.M: <topic>" labels (variety mode).
const std::vector<std::vector<const char*>> kTopics = {
    {"Công tác quản lý hồ sơ", "Kế hoạch của tổ chuyên môn", "Quản lý tài chính, tài sản",
     "An toàn trường học", "Công khai chất lượng"},
    {"Đội ngũ giáo viên", "Bồi dưỡng chuyên môn", "Đội ngũ nhân viên", "Quản lý học sinh"},
    {"Khuôn viên, sân chơi", "Thiết bị dạy học", "Phòng học bộ môn", "Khu vệ sinh", "Thư viện"},
    {"Ban đại diện cha mẹ", "Huy động nguồn lực"},
    {"Kết quả giáo dục", "Hoạt động trải nghiệm", "Giáo dục thể chất", "Kỹ năng đọc, viết"},
};

constexpr const char* kResponsible[] = {
    "Hiệu trưởng", "Phó Hiệu trưởng", "Hiệu trưởng, Phó Hiệu trưởng",
    "Phó Hiệu trưởng; tổ trưởng chuyên môn", "Tổ trưởng chuyên môn, giáo viên chủ nhiệm",
    "Kế toán, nhân viên thiết bị", "Tổng phụ trách Đội, giáo viên chủ nhiệm",
    "Hiệu trưởng; Ban đại diện cha mẹ học sinh", "Nhân viên thư viện, giáo viên",
    "Chủ tịch Công đoàn, Bí thư Chi đoàn"};
constexpr const char* kBudget[] = {
    "Không", "Không có", "Ngân sách nhà nước", "Kinh phí chi thường xuyên",
    "Nguồn xã hội hóa", "Khoảng 15.000.000 đồng", "Khoảng 40.000.000 đồng",
    "Theo dự toán được duyệt", "Ngân sách và nguồn hỗ trợ hợp pháp"};
constexpr const char* kSupport[] = {
    "", "", "Sự chỉ đạo của Phòng Giáo dục và Đào tạo", "Sự phối hợp của các bộ phận trong trường",
    "Sự ủng hộ của cha mẹ học sinh", "Sự hỗ trợ của chính quyền địa phương",
    "Tài liệu hướng dẫn của ngành"};
constexpr const char* kNotes[] = {"", "", "", "", "", "Duy trì", "Ưu tiên", "Cải tiến"};

constexpr const char* kPurposes[] = {
    "Kế hoạch cải tiến chất lượng nhằm phát huy những điểm mạnh và khắc phục những hạn chế đã nêu trong báo cáo tự đánh giá.",
    "Các nội dung cải tiến phải cụ thể, có thời hạn, phân công rõ người thực hiện và phù hợp với điều kiện của nhà trường.",
    "Mỗi thành viên trong nhà trường xác định rõ trách nhiệm của mình trong việc nâng cao chất lượng giáo dục.",
    "Tạo điều kiện để nhà trường duy trì kết quả kiểm định và hướng tới đạt mức cao hơn trong chu kỳ tiếp theo.",
    "Kết quả thực hiện kế hoạch được theo dõi, đánh giá định kỳ và điều chỉnh khi cần thiết."};
constexpr const char* kOrg[] = {
    "Hiệu trưởng chịu trách nhiệm chỉ đạo chung, phân công nhiệm vụ cụ thể cho từng bộ phận.",
    "Phó Hiệu trưởng theo dõi tiến độ, tổng hợp kết quả và báo cáo Hiệu trưởng hằng tháng.",
    "Các tổ chuyên môn, tổ văn phòng xây dựng kế hoạch chi tiết và tổ chức thực hiện đúng tiến độ.",
    "Cán bộ, giáo viên, nhân viên thực hiện nghiêm túc nhiệm vụ được giao, kịp thời phản ánh khó khăn.",
    "Ban đại diện cha mẹ học sinh phối hợp vận động các nguồn lực hỗ trợ nhà trường."};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed * 0x9E3779B97F4A7C15ULL + 12345) {}
  int Int(int a, int b) {  // inclusive
    return a + static_cast<int>((rng_() >> 11) % static_cast<uint64_t>(b - a + 1));
  }
  bool Coin(double p) { return static_cast<double>(rng_() >> 11) / 9007199254740992.0 < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) { return a[Int(0, N - 1)]; }
  const char* Pick(const std::vector<const char*>& v) { return v[Int(0, static_cast<int>(v.size()) - 1)]; }

 private:
  std::mt19937_64 rng_;
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

std::string UpperVi(const std::string& s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) AppendUtf8(static_cast<char32_t>(u_toupper(NextCodePoint(s, &pos))), &out);
  return out;
}

std::string Cell(const std::string& s) {  // plain text -> table cell Markdown
  std::string out = Replace(s, "|", "\\|");
  out = Replace(out, "\n", "<br>");
  return out;
}

// Capitalises the first letter when a phrase starts with "{L}".
std::string Fill(const char* phrase, const std::string& learners) {
  std::string s = phrase;
  if (s.rfind("{L}", 0) == 0) {
    std::string cap = learners;
    const std::string hoc = "học", tre = "trẻ";
    if (cap.rfind(hoc, 0) == 0) cap = "Học" + cap.substr(hoc.size());
    else if (cap.rfind(tre, 0) == 0) cap = "Trẻ" + cap.substr(tre.size());
    s = cap + s.substr(3);
  }
  return Replace(s, "{L}", learners);
}

}  // namespace

GeneratedPlan GeneratePlan(const PlanOptions& options, const PlanTable& table) {
  Gen g(options.seed);
  const SchoolKind& kind = g.Pick(kKinds);
  std::string school = g.Pick(kSchoolNames);
  int di = g.Int(0, static_cast<int>(std::size(kDistricts)) - 1);
  int year = g.Int(2019, 2025);
  std::string school_year = std::to_string(year) + " – " + std::to_string(year + 1);
  std::string learners = kind.learners;

  std::string md;
  std::string initials;
  {
    // Initials of the school name (ASCII letters only keep it simple).
    bool start = true;
    for (unsigned char c : school) {
      if (c == ' ') { start = true; continue; }
      if (start && c < 0x80) initials += static_cast<char>(std::toupper(c));
      start = false;
    }
  }
  std::string number = "Số: " + std::to_string(g.Int(12, 480)) + "/KH-" + kind.code + initials;
  std::string date = std::string(kPlaces[di]) + ", ngày " + std::to_string(g.Int(1, 28)) + " tháng " +
                     std::to_string(g.Int(8, 10)) + " năm " + std::to_string(year);
  std::string agency = "**UBND " + std::string(kDistricts[di]) + "**<br>**TRƯỜNG " + kind.name + " " +
                       UpperVi(school) + "**";
  std::string motto = "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**";
  if (g.Coin(0.7)) {
    // The usual two-column header block, as a rule-less table.
    md += "<!-- noborder -->\n<!-- widths: 2 3 -->\n<!-- align: c c -->\n";
    md += "| " + agency + " | " + motto + " |\n";
    md += "| " + number + " | *" + date + "* |\n\n";
  } else {
    md += Replace(agency, "<br>", "  \n") + "\n\n";
    md += "-> " + Replace(motto, "<br>", " <-\n-> ") + " <-\n\n";
    md += number + "\n\n-> *" + date + "*\n\n";
  }
  md += "# KẾ HOẠCH\n# CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\n\n";
  md += "-> **Năm học " + school_year + "** <-\n\n";

  md += "## I. MỤC ĐÍCH, YÊU CẦU\n\n";
  {
    std::vector<int> idx = {0, 1, 2, 3, 4};
    int n = g.Int(2, 4);
    for (int i = 0; i < n; ++i) {
      std::swap(idx[i], idx[g.Int(i, 4)]);
      md += std::to_string(i + 1) + ". " + kPurposes[idx[i]] + "\n";
    }
    md += "\n";
  }
  md += "## II. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n\n";
  md += "1. Thông tư số " + std::string(kind.circular) +
        " của Bộ Giáo dục và Đào tạo quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia.\n";
  md += "2. Báo cáo tự đánh giá của nhà trường giai đoạn " + std::to_string(year - 2) + " – " +
        std::to_string(year + 3) + ".\n";
  md += "3. Kết quả thực hiện nhiệm vụ năm học " + std::to_string(year - 1) + " – " +
        std::to_string(year) + " của nhà trường.\n";
  if (g.Coin(0.6)) {
    md += "4. Kế hoạch thực hiện nhiệm vụ năm học " + school_year +
          " của Phòng Giáo dục và Đào tạo và tình hình thực tế của đơn vị.\n";
  }
  md += "\n## III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC\n\n";

  std::vector<GoldCriterion> crits;
  if (table.rows.empty()) {
    // Choose criteria: (level, standard, criterion number).
    int total = options.criteria_count > 0 ? options.criteria_count : g.Int(4, 14);
    bool level4 = options.level4 && g.Coin(0.5) && total >= 3;
    int n4 = level4 ? std::max(1, total / 4) : 0;
    int n123 = total - n4;
    auto choose = [&](const std::string& level, int count, int max_per_std) {
      std::set<std::pair<int, int>> chosen;
      int guard = 0;
      while (static_cast<int>(chosen.size()) < count && guard++ < 10000) {
        const Standard& s = g.Pick(kStandards);
        int maxc = std::min(s.criteria, max_per_std);
        chosen.insert({s.number, g.Int(1, maxc)});
        if (guard > 2000) break;  // more criteria requested than exist
      }
      for (const auto& [sn, cn] : chosen) {
        GoldCriterion c;
        c.level = level;
        c.standard = sn;
        c.standard_title = kStandards[sn - 1].title;
        c.criterion = std::to_string(sn) + "." + std::to_string(cn);
        c.criterion_label = "Tiêu chí " + c.criterion;
        if (options.variety && g.Coin(0.5)) c.criterion_label += ": " + std::string(g.Pick(kTopics[sn - 1]));
        c.expected_result = Fill(g.Pick(kExpected[sn - 1]), learners);
        int na = g.Int(1, 3);
        static constexpr const char* kBullets[] = {"- ", "+ ", "• "};
        const char* bullet = options.variety ? kBullets[g.Int(0, 2)] : kBullets[0];
        std::set<int> used;
        for (int k = 0; k < na; ++k) {
          int ai = g.Int(0, static_cast<int>(kActions[sn - 1].size()) - 1);
          if (!used.insert(ai).second) continue;
          if (!c.actions.empty()) c.actions += "\n";
          c.actions += (na > 1 ? bullet : "") + Fill(kActions[sn - 1][ai], learners);
        }
        c.responsible = g.Pick(kResponsible);
        switch (g.Int(0, 4)) {
          case 0: c.timeline = "Năm học " + school_year; break;
          case 1: c.timeline = "Từ tháng 9/" + std::to_string(year) + " đến tháng 5/" + std::to_string(year + 1); break;
          case 2: c.timeline = "Học kỳ I năm học " + school_year; break;
          case 3: c.timeline = "Thường xuyên trong năm học"; break;
          default: c.timeline = "Tháng " + std::to_string(g.Int(9, 12)) + "/" + std::to_string(year); break;
        }
        c.budget = g.Pick(kBudget);
        c.other_support = g.Pick(kSupport);
        if (options.variety && g.Coin(0.25)) c.budget.clear();
        if (options.variety && g.Coin(0.3)) c.responsible += ", " + std::string(g.Pick(kResponsible));
        c.notes = g.Pick(kNotes);
        crits.push_back(std::move(c));
      }
    };
    choose("MỨC 1, 2, 3", n123, 10);
    if (n4 > 0) choose("MỨC 4", n4, 3);
  } else {
    crits = table.rows;
  }

  md += "<!-- widths: " + (table.widths.empty() ? std::string("4 12 17 21 12 11 9 10 6") : table.widths) +
        " -->\n";
  md += "| TT | Tiêu chuẩn, tiêu chí | Kết quả cần đạt (so với hiện trạng) | Công việc/giải pháp cần thực hiện | "
        "Chủ trì và phối hợp thực hiện | Thời gian thực hiện và hoàn thành | Dự kiến kinh phí | "
        "Điều kiện hỗ trợ khác | Ghi chú |\n";
  md += "|---|---|---|---|---|---|---|---|---|\n";
  std::string cur_level;
  int cur_std = 0, tt = 0;
  for (const GoldCriterion& c : crits) {
    if (c.level != cur_level) {
      cur_level = c.level;
      cur_std = 0;
      md += "|| **" + c.level + "** ||\n";
    }
    if (c.standard != cur_std) {
      cur_std = c.standard;
      md += "| " + std::to_string(++tt) + " | **Tiêu chuẩn " + std::to_string(c.standard) + ": " +
            c.standard_title + "** | | | | | | | |\n";
    }
    md += "| | " + Cell(c.criterion_label) + " | " + Cell(c.expected_result) + " | " + Cell(c.actions) +
          " | " + Cell(c.responsible) + " | " + Cell(c.timeline) + " | " + Cell(c.budget) + " | " +
          Cell(c.other_support) + " | " + Cell(c.notes) + " |\n";
  }
  md += "\n## IV. KINH PHÍ THỰC HIỆN\n\n";
  md += "Kinh phí thực hiện kế hoạch được bố trí từ nguồn chi thường xuyên của nhà trường và các nguồn huy động hợp pháp khác.\n\n";
  md += "## V. KIỂM TRA, GIÁM SÁT\n\n";
  md += "Ban giám hiệu kiểm tra việc thực hiện kế hoạch theo từng học kỳ; kết quả kiểm tra là căn cứ để điều chỉnh nội dung cải tiến.\n\n";
  md += "## VI. TỔ CHỨC THỰC HIỆN\n\n";
  {
    int n = g.Int(3, 5);
    for (int i = 0; i < n; ++i) md += std::to_string(i + 1) + ". " + kOrg[i] + "\n";
    md += "\n";
  }
  md += "Trên đây là kế hoạch cải tiến chất lượng giáo dục năm học " + school_year + " của Trường " +
        (std::string(kind.name) == "MẦM NON" ? "Mầm non " : std::string(kind.name) == "TIỂU HỌC" ? "Tiểu học " : "THCS ") +
        school + ".\n\n";
  md += "-> **HIỆU TRƯỞNG**\n-> *(Đã ký)*\n\n-> **" + std::string(g.Pick(kSigners)) + "**\n\n";
  md += "***Nơi nhận:***  \n- Phòng GD&ĐT;  \n- Lưu: VT.\n";

  return GeneratedPlan{std::move(md), std::move(crits)};
}

std::string CriteriaToJson(const std::vector<GoldCriterion>& criteria) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& c : criteria) {
    arr.push_back({{"level", c.level},
                   {"standard", c.standard},
                   {"standard_title", c.standard_title},
                   {"criterion", c.criterion},
                   {"criterion_label", c.criterion_label},
                   {"expected_result", c.expected_result},
                   {"actions", c.actions},
                   {"responsible", c.responsible},
                   {"timeline", c.timeline},
                   {"budget", c.budget},
                   {"other_support", c.other_support},
                   {"notes", c.notes}});
  }
  return arr.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace vnplan::synth
