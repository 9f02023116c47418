"""Text of the workbook (.xlsx) backend's `Msg` keys: bad files, lock files, replacing the file.

Keyed by the `Msg` value (sync.messages merges this table into `CATALOG`, which is what
keeps the two modules from importing each other).
"""

from __future__ import annotations

_RESAVE = (
    "mở tệp gốc trong Excel hoặc LibreOffice rồi lưu lại dạng Sổ làm việc Excel (.xlsx)",
    "open the original in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)",
)

XLSX: dict[str, tuple[str, str]] = {
    "xlsx.not_found": (
        "Không tìm thấy bảng tính {path}. Chạy `daisuso init` để tạo, hoặc sửa [spreadsheet] path.",
        "Workbook {path} not found. Run `daisuso init` to create it, or fix [spreadsheet] path.",
    ),
    "xlsx.unreadable": (
        "Không mở được bảng tính {path}: {error}",
        "Cannot open workbook {path}: {error}",
    ),
    "xlsx.write.failed": (
        "Không ghi được các tab tổng hợp vào {path}: {error}. Không ghi gì.",
        "Could not write the summary tabs into {path}: {error}. Nothing was written.",
    ),
    "xlsx.changed": (
        "Bảng tính {path} đã được lưu trong lúc đồng bộ; không ghi gì, giữ nguyên bản vừa lưu. "
        "Lần đồng bộ sau sẽ đọc lại.",
        "Workbook {path} was saved while the worker read it; nothing was written and the new "
        "save is kept as it is. The next sync reads it again.",
    ),
    "xlsx.convert": (
        "`sync` chỉ ghi được tệp .xlsx/.xlsm; {path} là tệp .{fmt}. `validate` vẫn đọc được. "
        "Để đồng bộ: mở trong Excel/LibreOffice, Lưu thành… Sổ làm việc Excel (.xlsx), rồi sửa "
        "[spreadsheet] path; hoặc: soffice --headless --convert-to xlsx {name}",
        "`sync` writes only .xlsx/.xlsm; {path} is an .{fmt} file. `validate` still reads it. "
        "To sync: open it in Excel/LibreOffice, Save As… Excel Workbook (.xlsx), then update "
        "[spreadsheet] path; or: soffice --headless --convert-to xlsx {name}",
    ),
    "xlsx.bad_file": (
        "Không đọc được bảng tính {path}: tệp {looks}. Cách xử lý: {todo}.",
        "Cannot read workbook {path}: the file is {looks}. What to do: {todo}.",
    ),
    "xlsx.bad_file.snapshot": (
        " Dữ liệu các tab nhập liệu có trong bản lưu: xem `daisuso snapshots`, rồi `daisuso restore`.",
        " The entry tabs' rows are in a snapshot: see `daisuso snapshots`, then `daisuso restore`.",
    ),
    # What a bad file looks like, and what to do about it (the two halves of xlsx.bad_file).
    "xlsx.looks.empty": ("trống (0 byte)", "empty (0 bytes)"),
    "xlsx.looks.truncated": (
        "bị cắt cụt hoặc hỏng (tệp zip không trọn vẹn)",
        "truncated or damaged (an incomplete zip file)",
    ),
    "xlsx.looks.encrypted": (
        "được đặt mật khẩu (tệp Office mã hóa)",
        "password-protected (an encrypted Office file)",
    ),
    "xlsx.looks.ole": (
        "một tệp Office kiểu cũ (OLE) không phải bảng tính, hoặc được đặt mật khẩu",
        "an old-style Office (OLE) file that is not a workbook, or password-protected",
    ),
    "xlsx.looks.text": (
        "một tệp văn bản (CSV hoặc tương tự), không phải sổ làm việc",
        "a text file (CSV or similar), not a workbook",
    ),
    "xlsx.looks.html": (
        "một trang web (HTML) mang tên bảng tính",
        "a web page (HTML) with a spreadsheet's name",
    ),
    "xlsx.looks.pdf": ("một tệp PDF", "a PDF file"),
    "xlsx.looks.zip": ("một tệp zip nhưng không phải sổ làm việc", "a zip file but not a workbook"),
    "xlsx.looks.unknown": ("không phải một định dạng bảng tính", "not a spreadsheet format"),
    "xlsx.do.empty": (
        "chép lại tệp từ bản sao lưu hoặc từ máy đã lưu nó",
        "copy it again from a backup or from the computer that saved it",
    ),
    "xlsx.do.truncated": (
        "chờ việc đồng bộ thư mục chia sẻ xong, hoặc chép lại từ bản sao lưu",
        "wait for the shared folder to finish copying it, or copy it again from a backup",
    ),
    "xlsx.do.encrypted": (
        "gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu: xóa trống) rồi lưu lại",
        "remove the password (File → Info → Protect Workbook → Encrypt with Password: clear it) and save",
    ),
    "xlsx.do.resave": _RESAVE,
    "xlsx.lock.stale": (
        "Tệp khóa {name} của {program}{who} đã cũ ({hours:.0f} giờ), coi như "
        "sót lại sau một lần tắt máy; vẫn đồng bộ. Xóa tệp này nếu không ai đang mở bảng tính.",
        "{program} lock file {name}{who} is old ({hours:.0f} h) and taken for a "
        "leftover from a crash; syncing anyway. Delete it if nobody has the workbook open.",
    ),
    "xlsx.lock.live": (
        "Bảng tính đang được mở trong {program}{who} (tệp khóa {name}); không ghi "
        "để không làm mất bản lưu của người đang mở. Đóng bảng tính; lần đồng bộ sau sẽ ghi.",
        "The workbook is open in {program}{who} (lock file {name}); nothing is "
        "written so their next save is not lost. Close it; the next sync writes.",
    ),
    "xlsx.hard_link": (
        "{target} có {links} tên (liên kết cứng); thay tệp sẽ tách nó khỏi các tên "
        "kia. Dùng liên kết mềm (ln -s) thay cho liên kết cứng, hoặc sao chép thành tệp riêng.",
        "{target} has {links} names (hard links); replacing it would split it from "
        "the others. Use a symlink (ln -s) instead of a hard link, or copy it to its own file.",
    ),
    "xlsx.read_only": (
        "{target} chỉ đọc với người dùng đang chạy (uid {uid}); "
        "cho phép ghi: chmod u+w hoặc chown cho người dùng này.",
        "{target} is read-only for the user the worker runs as (uid {uid}); "
        "allow writing: chmod u+w, or chown it to this user.",
    ),
    "xlsx.folder_not_writable": (
        "Không ghi được vào thư mục {folder} (cần để tạo tệp tạm rồi thay tệp); "
        "cho phép ghi: chmod u+w hoặc g+w cho thư mục.",
        "Cannot write in folder {folder} (needed for the temporary file that replaces the "
        "workbook); allow writing: chmod u+w or g+w on the folder.",
    ),
    "xlsx.group_lost": (
        "Không giữ được nhóm (gid {gid}) của {target}.",
        "Could not keep the group (gid {gid}) of {target}.",
    ),
    "xlsx.owner_lost": (
        "Không giữ được chủ sở hữu (uid {uid}) của {target}: chỉ root mới đổi được; "
        "tệp nay thuộc uid {me} (quyền {mode} vẫn giữ).",
        "Could not keep the owner (uid {uid}) of {target}: only root may; it now "
        "belongs to uid {me} (mode {mode} kept).",
    ),
    "xlsx.doctor.readable": ("Đọc được tệp {path}", "{path} is a readable workbook"),
    "xlsx.doctor.format": ("`sync` ghi được tệp .{fmt}", "`sync` can write an .{fmt} file"),
    "xlsx.doctor.file": ("Tệp {path}", "File {path}"),
    "xlsx.doctor.writable": (
        "Ghi được {path} và thư mục của nó",
        "{path} and its folder are writable",
    ),
}
