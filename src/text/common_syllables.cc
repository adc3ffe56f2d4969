// The most frequent Vietnamese syllables (lower case, both tone styles
// where they differ), counted on the project's corpus: detection uses
// them to break ties between decodings that are all valid syllables
// ("năm là bài" vs "nồm lổ bổi").
#include "text/common_syllables.h"

#include <string>
#include <unordered_set>

namespace vnplan::text {
namespace {

constexpr const char* kCommon =
    "của và có các định người được trong công điều với cho quan là không "
    "trường cơ quy theo về hợp tại việc nhân động hiện bộ một năm này vụ "
    "thông đã bảo học từ thực nước hành khi đến đồng để chức hoặc cấp lý "
    "an sự pháp bị luật phải dân nhà dụng án gia quốc viên quyền tài quyết "
    "làm thời những tổ chính thể ngày hội số sinh đối sau trên sản thành "
    "ra nam vào thì đó nhận việt nghiệp nhiệm tin vệ hàng chỉ phạm trình "
    "đầu cầu bản giá xuất báo khác chủ nhiều giải điểm phòng sử quản liên "
    "phát thẩm vi sở như hình nghị lại kết giao hoạt cũng do lực kiểm tư "
    "yêu hạn lượng đơn doanh tác cá tế đại xã thủ ngoài cảnh nội liệu nhất "
    "đề khoản phương biển thi mà sẽ ban trước trách con tự trung xử năng "
    "tạo hiệu văn kinh tra tiếp độ tòa toà tiền tập cao lao tục ninh đây "
    "còn tháng thuộc ông điện chất nhưng khu tôi qua chuyển trưởng toàn dự "
    "mới giáo bên xét cùng thu hệ chứng vị biên giới hơn vực cô hóa hoá "
    "thức mình tham tàu bằng khai đổi dịch giấy đi phần địa lên nhập thống "
    "ảnh chế biết anh môi thế gian tính tiêu nghĩa nếu thị đảm quả trở "
    "thường đang triển sát chuyên ngành xe tử cáo ký diễn lập ý xác tội "
    "kiến trọng đình bố mật tăng tố lợi tình quá kiện vật tỉnh trị thiết "
    "khoa đánh rất cần thương diện đường sĩ vì mức sách khách sơ giám "
    "trang phục gây cả chưa mặt hại đạo tổng ứng giữ xây kế tuổi viện cách "
    "dựng cửa hồ phạt hộ áp hai đủ tiến nguyên em hoà hòa bài dục tiểu "
    "phận ";

const std::unordered_set<std::string>& Set() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>();
    std::string w;
    for (const char* p = kCommon;; ++p) {
      if (*p == ' ' || *p == 0) {
        if (!w.empty()) s->insert(w);
        w.clear();
        if (*p == 0) break;
      } else {
        w.push_back(*p);
      }
    }
    return s;
  }();
  return *set;
}

}  // namespace

bool IsCommonSyllable(const std::string& lower) { return Set().contains(lower); }

}  // namespace vnplan::text
