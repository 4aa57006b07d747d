// A large tappable contact card (name, role title, masked phone). Tapping it fires `call`
// with who was tapped; the page decides what calling means (reveal + dial comes in issue 5).
// Plain WeChat-native component: Taro copies it into miniprogram/ through usingComponents.
Component({
  options: { addGlobalClass: false },
  properties: {
    name: { type: String, value: '' },
    title: { type: String, value: '' },
    phone: { type: String, value: '' }
  },
  methods: {
    onTap () {
      this.triggerEvent('call', { name: this.data.name, title: this.data.title })
    }
  }
})
